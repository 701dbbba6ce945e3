/**
 * The inventory's background work (live-tree poll, prefetch) under a profile's quiet credentials
 * (quiet-credentials.ts): it runs only while the profile is open with credentials good for a while
 * yet, and never prompts, signs in or runs a credential_process; otherwise it waits for the user.
 */
import type { AwsError } from '../errors.js';
import { CredentialsWaitForUser, credentialsWaitMark } from '../quiet-credentials.js';
import type { AwsWorkspace } from '../workspace.js';
import { parseNodeId } from './node-ids.js';

/** `work` for node `id`'s profile, or `skipped` (no call made) when that would need the user. */
export async function quietFor<T>(workspace: AwsWorkspace, id: string, work: () => Promise<T>): Promise<T | 'skipped'> {
  const profile = parseNodeId(id)?.profile;
  const session = profile === undefined ? undefined : workspace.get(profile);
  return session === undefined ? 'skipped' : session.quietly(work);
}

/** The same, for work whose caller wants its result: a skip is a quiet CredentialsWaitForUser. */
export async function quietOrThrow<T>(workspace: AwsWorkspace, id: string, work: () => Promise<T>): Promise<T> {
  const out = await quietFor(workspace, id, async () => ({ value: await work() }));
  if (out === 'skipped') throw new CredentialsWaitForUser(parseNodeId(id)?.profile ?? '');
  return out.value;
}

/**
 * True when node `id`'s background work is skipped for its profile's credentials alone: the profile
 * is open but they expired (or are due a refresh) and only the user can sign in again.
 */
export function waitsForSignIn(workspace: AwsWorkspace, id: string): boolean {
  const profile = parseNodeId(id)?.profile;
  return (profile === undefined ? undefined : workspace.get(profile))?.needsSignIn() ?? false;
}

/** Node `id`'s stale mark when its poll waits on its profile's credentials: "expired" only once they have. */
export function waitForSignInMark(workspace: AwsWorkspace, id: string): AwsError {
  const profile = parseNodeId(id)?.profile ?? '';
  return credentialsWaitMark(profile, workspace.get(profile)?.credentialsExpired() ?? false);
}
