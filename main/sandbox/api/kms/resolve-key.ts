/** KMS key references as KMS accepts them: key id, key ARN, `alias/<name>` or alias ARN. */
import { arn } from '../../world/arns.js';
import type { RegionView } from '../../world/model.js';
import type { KmsKeySpec } from '../../world/schema.js';

export interface ResolvedKey {
  readonly spec: KmsKeySpec;
  readonly arn: string;
}

export function resolveKey(region: RegionView, ref: string): ResolvedKey | undefined {
  // arn:aws:kms:<region>:<account>:<resource> — the resource is everything after the 5th colon.
  const tail = ref.startsWith('arn:') ? ref.split(':').slice(5).join(':') : ref;
  let spec: KmsKeySpec | undefined;
  if (tail.startsWith('alias/')) spec = region.kmsKeys.find((k) => k.alias === tail.slice('alias/'.length));
  else spec = region.kmsKeys.find((k) => k.id === (tail.startsWith('key/') ? tail.slice('key/'.length) : tail));
  return spec ? { spec, arn: arn.kmsKey(region.scope, spec.id) } : undefined;
}
