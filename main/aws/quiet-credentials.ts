/**
 * Background work (the live tree's poll, the prefetch) never does interactive credential work: no
 * MFA prompt, no SSO sign-in, no credential_process run. It only uses a profile's credentials while
 * the ones already resolved are still good, and otherwise waits, quietly, for the user to do
 * something that loads the profile (expand, refresh, open a shell), which resolves them as always.
 *
 * Two layers: callers ask `CredentialCache.usableQuietly()` before starting (with a margin, so the
 * SDK does not start a refresh halfway through), and work run inside `withoutPrompts()` that still
 * reaches the provider when a refresh is due is refused with a `CredentialsWaitForUser` error instead.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isIdentityExpired } from '@smithy/core';
import type { AwsCredentialIdentity } from '@smithy/types';
import { AwsError } from './errors.js';

export const QUIET_CREDENTIALS = {
  /**
   * Credentials must outlive the SDK's own refresh window (5 min before expiry) by this much before
   * background work starts: a poll or a prefetched cluster is a handful of paced calls, done well
   * within a minute even behind the user's own calls, so none of them reaches the window mid-way.
   */
  START_MARGIN_MS: 60_000,
} as const;

const quiet = new AsyncLocalStorage<true>();

/** Runs `work` so that a credential refresh it would need is refused instead of prompting. */
export function withoutPrompts<T>(work: () => Promise<T>): Promise<T> {
  return quiet.run(true, work);
}

/** Inside withoutPrompts(). */
export function inQuietWork(): boolean {
  return quiet.getStore() === true;
}

/** Background work found the profile's credentials in need of a refresh the user has to be part of. */
export class CredentialsWaitForUser extends AwsError {
  constructor(profile: string) {
    super({
      code: 'expired-credentials',
      sentence: `The credentials of profile "${profile}" need refreshing; background updates wait until you use the profile.`,
      nextStep: 'Expand or refresh the profile, or open a shell with it.',
      context: { profile },
    });
  }
}

/**
 * Why a loaded branch was not refreshed when the poll found its profile's credentials due a refresh
 * it may not do quietly (its stale mark's reason): the poll never prompts, so the tree says what the
 * user can do about it. "expired" only once their expiration has passed (`expired`): the poll stops
 * a while before that (QUIET_CREDENTIALS.START_MARGIN_MS plus the SDK's refresh window), and also
 * when none were resolved yet.
 */
export function credentialsWaitMark(profile: string, expired: boolean): AwsError {
  return new AwsError({
    code: 'expired-credentials',
    sentence: expired ? 'credentials expired — refresh to sign in' : 'credentials need refreshing — refresh to sign in',
    nextStep: `Refresh profile "${profile}" (or this branch) to sign in again; background updates resume after.`,
    context: { profile },
  });
}

/** A profile's latest resolved credentials, as far as background work needs to know them. */
export class CredentialCache {
  private identity: AwsCredentialIdentity | undefined;

  remember(identity: AwsCredentialIdentity): void {
    this.identity = identity;
  }

  forget(): void {
    this.identity = undefined;
  }

  /** True when the credentials resolved last have an expiration, and it has passed. */
  expired(now: number = Date.now()): boolean {
    const at = this.identity?.expiration;
    return at !== undefined && at.getTime() <= now;
  }

  /**
   * True when credentials are resolved and the SDK would not refresh them within `marginMs`:
   * static keys and others with no expiration always; expiring ones until their refresh window.
   */
  usableQuietly(marginMs: number = QUIET_CREDENTIALS.START_MARGIN_MS): boolean {
    const id = this.identity;
    if (id === undefined) return false;
    if (id.expiration === undefined) return true;
    return !isIdentityExpired({ ...id, expiration: new Date(id.expiration.getTime() - marginMs) });
  }
}
