/**
 * Signing in to IAM Identity Center from the app, as `aws sso login` and the AWS Toolkit do: the
 * OIDC device authorization flow with the SDK's SSO OIDC client (RegisterClient,
 * StartDeviceAuthorization, then CreateToken polled while AWS answers authorization_pending),
 * the user code shown and the verification page opened by the UI, and the token written to the
 * CLI's cache so both share the login. One sign-in per profile at a time; each can be cancelled.
 */
import { AuthorizationPendingException, CreateTokenCommand, RegisterClientCommand, SlowDownException, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import type { SsoPrompt } from '../../../shared/contract/auth.js';
import { attachCallDetails } from '../call-details.js';
import { requestLimits } from '../request-limits.js';
import { AwsError } from '../errors.js';
import { toAwsError } from '../error-map.js';
import type { ProfileInfo } from '../profiles.js';
import { writeTokenCache } from './token-cache.js';

export const SSO_SIGN_IN = {
  /** What AWS shows the person on the approval page ("Allow Porthole to access your data?"). */
  CLIENT_NAME: 'porthole',
  /** Added to the poll interval when AWS answers slow_down (RFC 8628 §3.5). */
  SLOW_DOWN_STEP_S: 5,
  /** Poll interval when AWS names none (RFC 8628 default). */
  DEFAULT_INTERVAL_S: 5,
  /** Attempts per OIDC call: it is interactive, and CreateToken is polled anyway. */
  MAX_ATTEMPTS: 2,
} as const;

export interface SignInResult {
  readonly expiresAt: Date;
  readonly cacheFile: string;
}

interface Running {
  readonly profile: string;
  readonly abort: AbortController;
}

function cancelledError(profile: string): AwsError {
  return new AwsError({ code: 'sso-login-required', sentence: `The SSO sign-in of profile "${profile}" was cancelled.`, nextStep: 'Sign in again when you are ready.', context: { profile } });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class SsoSignIns {
  private readonly running = new Map<string, Running>();
  private seq = 0;

  constructor(private readonly prompt: (p: SsoPrompt) => void) {}

  /** Signs the profile in (resolves once the token is cached); rejects with a plain AwsError. */
  async signIn(profile: ProfileInfo): Promise<SignInResult> {
    const sso = profile.sso;
    if (!sso?.startUrl || !sso.region) {
      throw new AwsError({ code: 'config-invalid', sentence: `Profile "${profile.name}" is not an SSO profile with a start URL and region.`, nextStep: 'Set sso_start_url and sso_region (or an sso_session) on the profile in ~/.aws/config.', context: { profile: profile.name } });
    }
    for (const [id, r] of this.running) if (r.profile === profile.name) this.cancel(id); // a new attempt replaces the old one
    const signInId = `sso-${++this.seq}`;
    const abort = new AbortController();
    this.running.set(signInId, { profile: profile.name, abort });
    const endpoint = profile.endpoints.sso_oidc?.url;
    const client = new SSOOIDCClient({ region: sso.region, maxAttempts: SSO_SIGN_IN.MAX_ATTEMPTS, requestHandler: requestLimits(), ...(endpoint ? { endpoint } : {}) });
    attachCallDetails(client, 'sso-oidc');
    const ctx = { profile: profile.name, region: sso.region, sso: true };
    try {
      const reg = await client.send(new RegisterClientCommand({ clientName: SSO_SIGN_IN.CLIENT_NAME, clientType: 'public' }), { abortSignal: abort.signal });
      const clientId = reg.clientId ?? '';
      const clientSecret = reg.clientSecret ?? '';
      const auth = await client.send(new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: sso.startUrl }), { abortSignal: abort.signal });
      const expiresAt = Date.now() + (auth.expiresIn ?? 600) * 1000;
      this.prompt({
        signInId,
        profile: profile.name,
        userCode: auth.userCode ?? '',
        verificationUri: auth.verificationUri ?? '',
        verificationUriComplete: auth.verificationUriComplete ?? auth.verificationUri ?? '',
        expiresAt,
      });
      let interval = auth.interval ?? SSO_SIGN_IN.DEFAULT_INTERVAL_S;
      for (;;) {
        await sleep(interval * 1000, abort.signal);
        try {
          const token = await client.send(new CreateTokenCommand({ clientId, clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: auth.deviceCode }), { abortSignal: abort.signal });
          const tokenExpires = new Date(Date.now() + (token.expiresIn ?? 0) * 1000);
          const cacheFile = await writeTokenCache({
            startUrl: sso.startUrl,
            region: sso.region,
            accessToken: token.accessToken ?? '',
            expiresAt: tokenExpires,
            ...(sso.session
              ? { session: { name: sso.session, clientId, clientSecret, registrationExpiresAt: new Date((reg.clientSecretExpiresAt ?? 0) * 1000), ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}) } }
              : {}),
          });
          return { expiresAt: tokenExpires, cacheFile };
        } catch (err) {
          if (err instanceof AuthorizationPendingException) continue;
          if (err instanceof SlowDownException) {
            interval += SSO_SIGN_IN.SLOW_DOWN_STEP_S;
            continue;
          }
          throw err;
        }
      }
    } catch (err) {
      if (abort.signal.aborted) throw cancelledError(profile.name);
      throw toAwsError(err, { ...ctx, operation: 'SSO sign-in' });
    } finally {
      this.running.delete(signInId);
      client.destroy();
    }
  }

  /** Stops a sign-in; its `signIn` call then fails with "cancelled". */
  cancel(signInId: string): boolean {
    const r = this.running.get(signInId);
    if (!r) return false;
    r.abort.abort(new Error('cancelled'));
    return true;
  }

  cancelAll(): void {
    for (const id of [...this.running.keys()]) this.cancel(id);
  }
}
