// Sandbox or real AWS: PORTHOLE_SANDBOX=1 forces the local sandbox, =0 forbids it; otherwise
// the sandbox runs when no AWS profile or environment credentials are found at all.
import { loadProfiles, type Env } from '../aws/profiles.js';

export interface SandboxDecision {
  readonly start: boolean;
  /** In plain words, for the log. */
  readonly why: string;
}

export const SANDBOX_ENV = 'PORTHOLE_SANDBOX';

export async function decideSandbox(env: Env): Promise<SandboxDecision> {
  const forced = env[SANDBOX_ENV];
  if (forced === '1') return { start: true, why: `${SANDBOX_ENV}=1` };
  if (forced === '0') return { start: false, why: `${SANDBOX_ENV}=0` };
  let found: boolean;
  try {
    found = (await loadProfiles(env)).profiles.length > 0;
  } catch (err) {
    // An unreadable config still means the person has AWS set up; do not hide it behind the sandbox.
    return { start: false, why: `the AWS config could not be read (${err instanceof Error ? err.message : String(err)})` };
  }
  return found ? { start: false, why: 'AWS profiles found' } : { start: true, why: 'no AWS profiles or credentials found' };
}
