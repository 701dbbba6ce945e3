/**
 * Temporary credentials the sandbox's STS has handed out. A request signed with one of these
 * keys acts as the assumed role (in the role's account) until the credentials expire, after
 * which it is answered with ExpiredToken, as AWS does.
 */
import { createHash, randomBytes } from 'node:crypto';

export const ISSUED_CREDENTIALS = {
  /** Temporary access key ids are ASIA + 16 upper-case alphanumerics. */
  keyIdChars: 16,
  /** Secret access keys are 40 characters. */
  secretChars: 40,
  /** Random bytes in a session token; real ones are long opaque base64 strings. */
  sessionTokenBytes: 192,
} as const;

/** Who a temporary key acts as. */
export interface IssuedIdentity {
  readonly accountId: string;
  /** What the holder signs with (the sandbox verifies every request's SigV4 signature). */
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>` */
  readonly arn: string;
  /** `AROA…:<session>` */
  readonly userId: string;
  readonly expiresAt: number;
}

export interface IssuedSecret {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

/** A stable IAM-style unique id: a 4-letter prefix and 17 upper-case alphanumerics from a seed. */
export function uniqueId(prefix: 'AIDA' | 'AROA', seed: string): string {
  return prefix + createHash('sha256').update(seed).digest('hex').slice(0, 17).toUpperCase();
}

function alnum(chars: number): string {
  return randomBytes(chars).toString('base64').replace(/[^A-Za-z0-9]/g, 'A').slice(0, chars);
}

/** A fresh key pair shaped like AWS's: `<prefix>` + 16 upper-case alphanumerics, a 40-character secret. */
export function newKeyPair(prefix: 'AKIA' | 'ASIA'): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: prefix + alnum(ISSUED_CREDENTIALS.keyIdChars).toUpperCase(), secretAccessKey: alnum(ISSUED_CREDENTIALS.secretChars) };
}

export class IssuedCredentials {
  private readonly byKey = new Map<string, IssuedIdentity>();

  issue(identity: Omit<IssuedIdentity, 'expiresAt' | 'secretAccessKey' | 'sessionToken'>, durationSeconds: number, now = Date.now()): IssuedSecret {
    this.prune(now); // a long-running sandbox must not keep every key it ever issued
    const { accessKeyId, secretAccessKey } = newKeyPair('ASIA');
    const sessionToken = randomBytes(ISSUED_CREDENTIALS.sessionTokenBytes).toString('base64');
    const expiresAt = now + durationSeconds * 1000;
    this.byKey.set(accessKeyId, { ...identity, secretAccessKey, sessionToken, expiresAt });
    return { accessKeyId, secretAccessKey, sessionToken, expiration: new Date(expiresAt) };
  }

  /** The secret an issued key signs with, expired or not (an expired key still signs; it is then refused as expired). */
  secretOf(accessKeyId: string): { secretAccessKey: string; sessionToken: string } | undefined {
    const found = this.byKey.get(accessKeyId);
    return found ? { secretAccessKey: found.secretAccessKey, sessionToken: found.sessionToken } : undefined;
  }

  /** The identity behind a key: `expired` once its time is up, undefined for keys STS never issued. */
  lookup(accessKeyId: string, now = Date.now()): IssuedIdentity | 'expired' | undefined {
    const found = this.byKey.get(accessKeyId);
    if (!found) return undefined;
    return found.expiresAt <= now ? 'expired' : found;
  }

  private prune(now: number): void {
    for (const [key, id] of this.byKey) if (id.expiresAt <= now) this.byKey.delete(key);
  }
}
