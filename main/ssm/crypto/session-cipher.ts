// The client's half of KMS session encryption (protocol §6.6): AES-256-GCM, no associated data,
// wire form nonce(12) ‖ ciphertext ‖ tag(16). Bytes 0–31 of the data key decrypt what the agent
// sends; bytes 32–63 encrypt what we send. Client nonces are random.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const SessionCrypto = {
  /** GenerateDataKey NumberOfBytes: two AES-256 keys, one per direction. */
  DATA_KEY_BYTES: 64,
  KEY_BYTES: 32,
  /** 96-bit GCM nonce, the standard size and what both official sides use. */
  NONCE_BYTES: 12,
  TAG_BYTES: 16,
} as const;

export class SessionCipherError extends Error {
  override readonly name = 'SessionCipherError';
}

export class SessionCipher {
  private readonly decryptKey: Buffer;
  private readonly encryptKey: Buffer;

  constructor(dataKey: Uint8Array) {
    if (dataKey.length !== SessionCrypto.DATA_KEY_BYTES) {
      throw new SessionCipherError(`KMS data key must be ${SessionCrypto.DATA_KEY_BYTES} bytes, got ${dataKey.length}`);
    }
    this.decryptKey = Buffer.from(dataKey.subarray(0, SessionCrypto.KEY_BYTES));
    this.encryptKey = Buffer.from(dataKey.subarray(SessionCrypto.KEY_BYTES));
  }

  /** Client → agent. */
  encrypt(plain: Uint8Array): Uint8Array {
    const nonce = randomBytes(SessionCrypto.NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encryptKey, nonce);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]);
  }

  /** Agent → client. Throws SessionCipherError when the payload is short or fails authentication. */
  decrypt(wire: Uint8Array): Uint8Array {
    const { NONCE_BYTES, TAG_BYTES } = SessionCrypto;
    if (wire.length < NONCE_BYTES + TAG_BYTES) {
      throw new SessionCipherError(`encrypted payload of ${wire.length} bytes is shorter than nonce + tag`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.decryptKey, wire.subarray(0, NONCE_BYTES));
      decipher.setAuthTag(wire.subarray(wire.length - TAG_BYTES));
      return Buffer.concat([decipher.update(wire.subarray(NONCE_BYTES, wire.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new SessionCipherError('AES-GCM authentication failed: wrong key or corrupted payload');
    }
  }
}
