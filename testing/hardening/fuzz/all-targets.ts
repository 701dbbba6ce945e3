// The fuzz targets, in report order: frame codec, smux, the contract, then the sandbox's fault control.
import { controlTarget, dataObjectTarget, dataWireTarget, schemaTarget } from './contract-target.js';
import { faultControlTarget } from './fault-control-target.js';
import { frameTarget } from './frame-target.js';
import { smuxTarget } from './smux-target.js';
import type { FuzzTarget } from './types.js';

export function allTargets(): ReadonlyArray<FuzzTarget<unknown>> {
  return [frameTarget, smuxTarget, schemaTarget, controlTarget, dataWireTarget, dataObjectTarget, faultControlTarget];
}
