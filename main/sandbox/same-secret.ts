// Secrets a local caller presents (the run's key on admin routes, a session's token on the
// gateway) are compared in constant time, so the time a refusal takes says nothing about how
// much of the guess was right.
import { timingSafeEqual } from 'node:crypto';

/** True when `presented` equals `expected`; the comparison time does not depend on where they differ. */
export function sameSecret(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
