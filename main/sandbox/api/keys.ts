/**
 * The keys this sandbox run accepts. At start it makes one random access key id + secret (written,
 * 0600, into the credentials file beside its config file); everything that talks to it signs with
 * that secret: the main key, the expired-credentials profile's key, the access keys a world lists
 * under an account (they pick the account, the secret proves the caller) — and the temporary keys
 * its STS issued, each with its own secret and session token. Any other key is foreign.
 */
import { sameSecret } from '../same-secret.js';
import type { SigningSecret } from './sigv4.js';
import { newKeyPair, type IssuedCredentials } from './sts/issued-credentials.js';

export interface SandboxCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** A new random key pair for one sandbox run. */
export function newSandboxCredentials(): SandboxCredentials {
  return newKeyPair('AKIA');
}

export class SandboxKeys {
  private readonly shared: ReadonlySet<string>;

  constructor(
    readonly credentials: SandboxCredentials,
    /** Further key ids that sign with the run's secret (expired-profile key, world account keys). */
    otherKeyIds: Iterable<string>,
    private readonly issued: IssuedCredentials,
  ) {
    this.shared = new Set([credentials.accessKeyId, ...otherKeyIds]);
  }

  /** The secret `accessKeyId` signs with, or undefined for a key this sandbox does not know. */
  secretFor(accessKeyId: string): SigningSecret | undefined {
    if (this.shared.has(accessKeyId)) return { secretAccessKey: this.credentials.secretAccessKey };
    return this.issued.secretOf(accessKeyId);
  }

  /** True when `presented` is the run's secret (the admin routes' header), compared in constant time. */
  isSecret(presented: string | undefined): boolean {
    return sameSecret(presented, this.credentials.secretAccessKey);
  }
}
