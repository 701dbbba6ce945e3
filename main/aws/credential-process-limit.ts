/**
 * How long a profile's credential_process may run. Most helpers (aws-vault, a company's token
 * broker) answer in seconds, but some wait on the person: a browser sign-in, a hardware key touch.
 * The default covers a sign-in done without hurry; a profile whose helper needs longer says so in
 * its own section of the AWS config file (the AWS CLI and SDK ignore settings they do not know, as
 * they do other tools' `granted_*` or `sso_*` extras), so the limit travels with the command it is for.
 */
import { AwsError } from './errors.js';
import { spanWords } from './credential-deadline.js';

export const PROCESS_LIMIT = {
  /** The profile setting, in whole seconds. Prefixed so it can never clash with a setting AWS adds. */
  SETTING: 'porthole_credential_process_timeout',
  /**
   * A browser sign-in with the identity provider's own MFA takes most people well under a minute;
   * twice that leaves room to find the phone or the key. Past it the helper is most likely waiting
   * for something that will not come, and the profile's calls wait with it.
   */
  DEFAULT_MS: 120_000,
  /** Below this a helper that starts a runtime (Python, a JVM) on a busy machine fails for no reason. */
  MIN_SECONDS: 5,
  /**
   * Half an hour: longer than any sign-in page stays valid (an AWS SSO device code lives 10 minutes),
   * so a larger number can only keep a stuck helper running.
   */
  MAX_SECONDS: 1_800,
} as const;

/** A whole number of seconds, as the setting is written. */
const WHOLE_SECONDS = /^\d{1,7}$/;

/**
 * The seconds a written `porthole_credential_process_timeout` value allows, or null when it is not
 * a whole number of seconds in range. The one rule: processLimitMs applies it when credentials are
 * fetched, and the config check (config-check/findings.ts) reports a bad value when the tree loads.
 */
export function processLimitSeconds(raw: string): number | null {
  const text = raw.trim();
  const seconds = WHOLE_SECONDS.test(text) ? Number(text) : Number.NaN;
  return seconds >= PROCESS_LIMIT.MIN_SECONDS && seconds <= PROCESS_LIMIT.MAX_SECONDS ? seconds : null;
}

/** What is allowed, for the words of an error or a finding: "a whole number of seconds from 5 to 1800". */
export const PROCESS_LIMIT_RANGE_WORDS = `a whole number of seconds from ${PROCESS_LIMIT.MIN_SECONDS} to ${PROCESS_LIMIT.MAX_SECONDS}`;

/** How to write the setting right in `profile`, or leave it out. */
export function processLimitFixWords(profile: string): string {
  return `Write it as "${PROCESS_LIMIT.SETTING} = 300" (seconds) in profile "${profile}" of ~/.aws/config, or remove it for the default of ${spanWords(PROCESS_LIMIT.DEFAULT_MS)}.`;
}

/**
 * The limit for the credential_process of `profile` (its section as the SDK parsed it):
 * the setting when present, else `fallbackMs`. A setting that is not a whole number of seconds in
 * range is a plain config error naming the profile and the range (a typo never runs with a guess).
 */
export function processLimitMs(profile: string, section: Readonly<Record<string, string | undefined>> | undefined, fallbackMs: number): number {
  const raw = section?.[PROCESS_LIMIT.SETTING];
  if (raw === undefined) return fallbackMs;
  const seconds = processLimitSeconds(raw);
  if (seconds === null) {
    throw new AwsError({
      code: 'config-invalid',
      sentence: `Profile "${profile}" sets ${PROCESS_LIMIT.SETTING} to something other than ${PROCESS_LIMIT_RANGE_WORDS}.`,
      nextStep: processLimitFixWords(profile),
      context: { profile },
    });
  }
  return seconds * 1000;
}

/** The words that tell the person how to give a helper longer than `currentMs` (or that it cannot have longer). */
export function raiseLimitWords(profile: string, currentMs: number): string {
  if (currentMs >= PROCESS_LIMIT.MAX_SECONDS * 1000) {
    return `Its limit of ${spanWords(currentMs)} is already the longest ${PROCESS_LIMIT.SETTING} allows, so it cannot be given longer. Then refresh the profile.`;
  }
  const suggested = Math.min(PROCESS_LIMIT.MAX_SECONDS, Math.max(PROCESS_LIMIT.MIN_SECONDS, Math.ceil((currentMs * 2) / 1000)));
  return `If it needs more than ${spanWords(currentMs)} (a browser sign-in, a hardware key), add "${PROCESS_LIMIT.SETTING} = ${suggested}" (seconds, up to ${PROCESS_LIMIT.MAX_SECONDS}) to profile "${profile}" in ~/.aws/config. Then refresh the profile.`;
}
