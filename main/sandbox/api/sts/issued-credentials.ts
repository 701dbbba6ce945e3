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

export class IssuedCredentials {
  private readonly byKey = new Map<string, IssuedIdentity>();

  issue(identity: Omit<IssuedIdentity, 'expiresAt'>, durationSeconds: number, now = Date.now()): IssuedSecret {
    this.prune(now); // a long-running sandbox must not keep every key it ever issued
    const accessKeyId = 'ASIA' + alnum(ISSUED_CREDENTIALS.keyIdChars).toUpperCase();
    const expiresAt = now + durationSeconds * 1000;
    this.byKey.set(accessKeyId, { ...identity, expiresAt });
    return {
      accessKeyId,
      secretAccessKey: alnum(ISSUED_CREDENTIALS.secretChars),
      sessionToken: randomBytes(ISSUED_CREDENTIALS.sessionTokenBytes).toString('base64'),
      expiration: new Date(expiresAt),
    };
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
