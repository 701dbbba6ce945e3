/**
 * The SSO token cache, in the AWS CLI's format and place (`~/.aws/sso/cache/<sha1>.json`, the path
 * from the SDK's own getSSOTokenFilepath), so a sign-in in Porthole serves `aws` and the SDKs, and
 * `aws sso login` serves Porthole. Legacy profiles (sso_start_url on the profile) key the file by
 * start URL; `sso-session` profiles by the session name and also keep the client registration
 * and refresh token, as the CLI does. Written through the app's one atomic writer (0600).
 */
import { getSSOTokenFilepath } from '@smithy/shared-ini-file-loader';
import { writeJsonAtomic } from '../../storage/atomic-writer.js';

export interface SsoTokenEntry {
  readonly startUrl: string;
  readonly region: string;
  readonly accessToken: string;
  readonly expiresAt: Date;
  /** sso-session profiles only: what the SDK needs to refresh the token without a new sign-in. */
  readonly session?: { readonly name: string; readonly clientId: string; readonly clientSecret: string; readonly registrationExpiresAt: Date; readonly refreshToken?: string };
}

/** `2026-12-05T22:00:00Z`: the CLI's timestamp format (no milliseconds). */
function cliTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The file the CLI and the SDK read for this login. */
export function tokenCacheFile(entry: Pick<SsoTokenEntry, 'startUrl' | 'session'>): string {
  return getSSOTokenFilepath(entry.session?.name ?? entry.startUrl);
}

/** The JSON the CLI writes, field for field. */
export function tokenCacheJson(e: SsoTokenEntry): Record<string, string> {
  const base = { startUrl: e.startUrl, region: e.region, accessToken: e.accessToken, expiresAt: cliTime(e.expiresAt) };
  if (!e.session) return base;
  return {
    ...base,
    clientId: e.session.clientId,
    clientSecret: e.session.clientSecret,
    registrationExpiresAt: cliTime(e.session.registrationExpiresAt),
    ...(e.session.refreshToken ? { refreshToken: e.session.refreshToken } : {}),
  };
}

export async function writeTokenCache(entry: SsoTokenEntry): Promise<string> {
  const file = tokenCacheFile(entry);
  await writeJsonAtomic(file, tokenCacheJson(entry));
  return file;
}
