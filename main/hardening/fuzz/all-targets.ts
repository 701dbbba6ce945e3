// The fuzz targets, in report order: frame codec, smux, then the contract.
import { controlTarget, dataObjectTarget, dataWireTarget, schemaTarget } from './contract-target.js';
import { frameTarget } from './frame-target.js';
import { smuxTarget } from './smux-target.js';
import type { FuzzTarget } from './types.js';

export function allTargets(): ReadonlyArray<FuzzTarget<unknown>> {
  return [frameTarget, smuxTarget, schemaTarget, controlTarget, dataWireTarget, dataObjectTarget];
}
