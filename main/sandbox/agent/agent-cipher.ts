/**
 * The agent's side of KMS session encryption (§6.6): AES-256-GCM, no associated data, wire
 * form `nonce(12) ‖ ciphertext ‖ tag(16)`. The agent encrypts with bytes 0–31 of the data key
 * and decrypts with bytes 32–63; its nonces are a 96-bit little-endian counter (three LE uint32
 * words with carry) starting from a random value.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const GCM = {
  KEY_BYTES: 32,
  /** Both halves of the 64-byte KMS data key (§6.6). */
  DATA_KEY_BYTES: 64,
  NONCE_BYTES: 12,
  TAG_BYTES: 16,
} as const;

export class CipherError extends Error {
  override readonly name = 'CipherError';
}

export class AgentCipher {
  private readonly encryptKey: Buffer;
  private readonly decryptKey: Buffer;
  private readonly nonce: Buffer = randomBytes(GCM.NONCE_BYTES);

  constructor(dataKey: Uint8Array) {
    if (dataKey.length !== GCM.DATA_KEY_BYTES) {
      throw new CipherError(`the KMS data key must be ${GCM.DATA_KEY_BYTES} bytes, got ${dataKey.length}`);
    }
    this.encryptKey = Buffer.from(dataKey.subarray(0, GCM.KEY_BYTES));
    this.decryptKey = Buffer.from(dataKey.subarray(GCM.KEY_BYTES));
  }

  /** Agent → client. */
  encrypt(plain: Uint8Array): Uint8Array {
    const nonce = Buffer.from(this.nonce);
    this.advanceNonce();
    const cipher = createCipheriv('aes-256-gcm', this.encryptKey, nonce);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]);
  }

  /** Client → agent. Throws CipherError on a short or forged message. */
  decrypt(wire: Uint8Array): Uint8Array {
    if (wire.length < GCM.NONCE_BYTES + GCM.TAG_BYTES) {
      throw new CipherError(`encrypted payload of ${wire.length} bytes is shorter than nonce + tag`);
    }
    const nonce = wire.subarray(0, GCM.NONCE_BYTES);
    const tag = wire.subarray(wire.length - GCM.TAG_BYTES);
    const body = wire.subarray(GCM.NONCE_BYTES, wire.length - GCM.TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.decryptKey, nonce);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      throw new CipherError('AES-GCM authentication failed (wrong key or corrupted payload)');
    }
  }

  /** Little-endian 96-bit increment with carry across the three 32-bit words. */
  private advanceNonce(): void {
    for (let i = 0; i < GCM.NONCE_BYTES; i++) {
      const v = ((this.nonce[i] as number) + 1) & 0xff;
      this.nonce[i] = v;
      if (v !== 0) return;
    }
  }
}

/** The client's view, for tests: encrypts with 32–63, decrypts with 0–31, random nonces. */
export function clientCipher(dataKey: Uint8Array): { encrypt(p: Uint8Array): Uint8Array; decrypt(w: Uint8Array): Uint8Array } {
  const swapped = new Uint8Array(GCM.DATA_KEY_BYTES);
  swapped.set(dataKey.subarray(GCM.KEY_BYTES), 0);
  swapped.set(dataKey.subarray(0, GCM.KEY_BYTES), GCM.KEY_BYTES);
  return new AgentCipher(swapped);
}
