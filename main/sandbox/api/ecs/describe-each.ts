/**
 * The shape every ECS Describe* call shares: each reference (name, id or ARN) is either found
 * and rendered, or reported under `failures` with reason MISSING and the ARN ECS would have used.
 */
import { invalidParameter } from '../errors.js';

export interface Described {
  readonly found: unknown[];
  readonly failures: Array<{ arn: string; reason: 'MISSING' }>;
}

export function describeEach<T>(refs: readonly string[], find: (ref: string) => T | undefined, shape: (item: T) => unknown, arnFor: (bareRef: string) => string): Described {
  const found: unknown[] = [];
  const failures: Described['failures'] = [];
  for (const ref of refs) {
    const item = find(ref);
    if (item !== undefined) found.push(shape(item));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : arnFor(ref), reason: 'MISSING' });
  }
  return { found, failures };
}

/** A required list member of a Describe* call: non-empty and within the API's batch limit. */
export function requireRefs(refs: string[] | undefined, member: string, limit: number): string[] {
  if (!refs || refs.length === 0) throw invalidParameter('ecs', `${member} cannot be empty.`);
  if (refs.length > limit) throw invalidParameter('ecs', `${member} cannot have more than ${limit} elements`);
  return refs;
}
