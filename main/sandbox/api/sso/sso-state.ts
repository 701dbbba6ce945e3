/**
 * IAM Identity Center as the sandbox emulates it: OIDC clients, device authorizations (pending
 * until the person approves the user code on the verification page), access tokens, and the
 * portal's role credentials for a token. Everything lives in memory for the sandbox's life.
 */
import { randomBytes } from 'node:crypto';

export const SSO_SANDBOX = {
  /**
   * Random bytes in each run's start URL. The URL is written only into the sandbox's 0600 config
   * file and device authorizations for any other start URL are refused, so a local caller who
   * cannot read that file cannot sign in (and get credentials) on its own.
   */
  startUrlSecretBytes: 16,
  /** Role the SSO profile signs in to. */
  roleName: 'PortholeDeveloper',
  /** Device codes are valid this long, as in AWS (600 s). */
  deviceCodeSeconds: 600,
  /** Seconds a client should wait between CreateToken polls (AWS says 1 in its answer). */
  pollIntervalSeconds: 1,
  /** Access tokens last this long (AWS: 8 h by default; shorter keeps tests honest about expiry). */
  accessTokenSeconds: 3600,
  /** Client registrations last this long (AWS: 90 days). */
  clientSeconds: 90 * 24 * 3600,
  /** Role credentials from GetRoleCredentials last this long. */
  roleCredentialSeconds: 3600,
  /**
   * Client registrations kept at most (the oldest go first). RegisterClient needs no secret, as in
   * AWS, so without a bound any local caller could grow the sandbox's memory without end; a
   * sign-in registers once, so this is far beyond what Porthole, the CLI and the tests use.
   */
  maxClients: 1000,
} as const;

interface Client {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly expiresAt: number;
}

interface DeviceAuth {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  readonly startUrl: string;
  readonly expiresAt: number;
  approved: boolean;
  used: boolean;
}

const token = (bytes: number): string => randomBytes(bytes).toString('base64url');

/** `ABCD-EFGH`: letters only, without ones that look like others, as AWS's codes read. */
function userCode(): string {
  const letters = 'BCDFGHJKLMNPQRSTVWXZ';
  const pick = () => Array.from(randomBytes(4), (b) => letters[b % letters.length]).join('');
  return `${pick()}-${pick()}`;
}

export type TokenResult = { ok: true; accessToken: string; expiresIn: number; refreshToken: string } | { ok: false; error: 'authorization_pending' | 'expired_token' | 'invalid_grant' | 'invalid_client' };

/** `https://porthole-<random>.awsapps.com/start`: shaped like an Identity Center start URL, unguessable. */
function newStartUrl(): string {
  return `https://porthole-${randomBytes(SSO_SANDBOX.startUrlSecretBytes).toString('hex')}.awsapps.com/start`;
}

export class SsoState {
  /** This run's start URL (the SSO profile in the sandbox's config names it); the only one signed in to. */
  readonly startUrl = newStartUrl();
  private readonly clients = new Map<string, Client>();
  private readonly devices = new Map<string, DeviceAuth>();
  private readonly byUserCode = new Map<string, DeviceAuth>();
  private readonly tokens = new Map<string, number>();
  /** CreateToken calls answered authorization_pending (tests check the client polled). */
  pendingAnswers = 0;

  /** How many client registrations are kept (bounded by SSO_SANDBOX.maxClients). */
  get clientCount(): number {
    return this.clients.size;
  }

  registerClient(now = Date.now()): Client {
    const c = { clientId: token(16), clientSecret: token(32), expiresAt: now + SSO_SANDBOX.clientSeconds * 1000 };
    this.clients.set(c.clientId, c);
    // A Map iterates in insertion order: the first key is the oldest registration.
    for (const oldest of this.clients.keys()) {
      if (this.clients.size <= SSO_SANDBOX.maxClients) break;
      this.clients.delete(oldest);
    }
    return c;
  }

  validClient(clientId: string, clientSecret: string, now = Date.now()): boolean {
    const c = this.clients.get(clientId);
    return c !== undefined && c.clientSecret === clientSecret && c.expiresAt > now;
  }

  startDeviceAuthorization(clientId: string, startUrl: string, now = Date.now()): DeviceAuth {
    const d: DeviceAuth = { deviceCode: token(32), userCode: userCode(), clientId, startUrl, expiresAt: now + SSO_SANDBOX.deviceCodeSeconds * 1000, approved: false, used: false };
    this.devices.set(d.deviceCode, d);
    this.byUserCode.set(d.userCode, d);
    return d;
  }

  /** What the verification page shows for a user code (undefined: unknown or expired). */
  pending(userCodeText: string, now = Date.now()): { startUrl: string; approved: boolean } | undefined {
    const d = this.byUserCode.get(userCodeText);
    return d && d.expiresAt > now ? { startUrl: d.startUrl, approved: d.approved } : undefined;
  }

  /** The person allowed the request on the verification page. */
  approve(userCodeText: string, now = Date.now()): boolean {
    const d = this.byUserCode.get(userCodeText);
    if (!d || d.expiresAt <= now) return false;
    d.approved = true;
    return true;
  }

  createToken(clientId: string, deviceCode: string, now = Date.now()): TokenResult {
    const d = this.devices.get(deviceCode);
    if (!d || d.clientId !== clientId || d.used) return { ok: false, error: 'invalid_grant' };
    if (d.expiresAt <= now) return { ok: false, error: 'expired_token' };
    if (!d.approved) {
      this.pendingAnswers++;
      return { ok: false, error: 'authorization_pending' };
    }
    d.used = true;
    const accessToken = token(48);
    this.tokens.set(accessToken, now + SSO_SANDBOX.accessTokenSeconds * 1000);
    return { ok: true, accessToken, expiresIn: SSO_SANDBOX.accessTokenSeconds, refreshToken: token(48) };
  }

  validToken(accessToken: string, now = Date.now()): boolean {
    const until = this.tokens.get(accessToken);
    return until !== undefined && until > now;
  }
}
