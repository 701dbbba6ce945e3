// Display names for wire constants, derived from the codec's constant tables.
import { PayloadType, PayloadTypeFlag } from '../frame/index.js';

const PAYLOAD_TYPE_NAMES = new Map<number, string>(Object.entries(PayloadType).map(([name, value]) => [value, name]));
const FLAG_NAMES = new Map<number, string>(Object.entries(PayloadTypeFlag).map(([name, value]) => [value, name]));

export function payloadTypeName(pt: number): string {
  return PAYLOAD_TYPE_NAMES.get(pt) ?? 'unknown';
}

export function payloadTypeFlagName(flag: number): string {
  return FLAG_NAMES.get(flag) ?? 'unknown';
}
