/**
 * The sandbox's KMS: GenerateDataKey and Decrypt over one in-process secret. A CiphertextBlob is
 * self-describing (key ARN + AES-256-GCM ciphertext whose associated data is the encryption
 * context), so Decrypt returns the same plaintext for the same blob and context, and fails with
 * InvalidCiphertextException for any other context — as real KMS does.
 *
 * Shared with the emulated agent: it decrypts the client's KMSCipherTextKey (spec §6.6) through
 * the same instance (`startSandbox().kms`) or through the HTTP Decrypt call; both agree.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { ApiError } from '../errors.js';

export const KMS_BLOB = {
  /** Marks a sandbox ciphertext so foreign blobs fail cleanly instead of decrypting garbage. */
  magic: Buffer.from('PHK1'),
  /** AES-GCM nonce length (the standard 96 bits). */
  nonceBytes: 12,
  /** AES-GCM tag length. */
  tagBytes: 16,
} as const;

export type EncryptionContext = Record<string, string>;

export interface DecryptResult {
  readonly keyArn: string;
  readonly plaintext: Buffer;
}

/** Context order must not matter: KMS compares it as a map. */
function contextBytes(context: EncryptionContext | undefined): Buffer {
  const entries = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify(entries));
}

function invalidCiphertext(): ApiError {
  return new ApiError('InvalidCiphertextException', 'The ciphertext is invalid or was encrypted under a different encryption context.');
}

export class KmsKeyStore {
  constructor(private readonly secret: Buffer = randomBytes(32)) {}

  private keyFor(keyArn: string): Buffer {
    return createHmac('sha256', this.secret).update(keyArn).digest();
  }

  encrypt(keyArn: string, plaintext: Buffer, context?: EncryptionContext): Buffer {
    const nonce = randomBytes(KMS_BLOB.nonceBytes);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor(keyArn), nonce);
    cipher.setAAD(contextBytes(context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const arn = Buffer.from(keyArn);
    return Buffer.concat([KMS_BLOB.magic, Buffer.from([arn.length >> 8, arn.length & 255]), arn, nonce, body, cipher.getAuthTag()]);
  }

  decrypt(blob: Buffer, context?: EncryptionContext): DecryptResult {
    const m = KMS_BLOB.magic.length;
    if (blob.length < m + 2 || !blob.subarray(0, m).equals(KMS_BLOB.magic)) throw invalidCiphertext();
    const arnLen = blob.readUInt16BE(m);
    const arnEnd = m + 2 + arnLen;
    if (blob.length < arnEnd + KMS_BLOB.nonceBytes + KMS_BLOB.tagBytes) throw invalidCiphertext();
    const keyArn = blob.subarray(m + 2, arnEnd).toString('utf8');
    const nonce = blob.subarray(arnEnd, arnEnd + KMS_BLOB.nonceBytes);
    const body = blob.subarray(arnEnd + KMS_BLOB.nonceBytes, blob.length - KMS_BLOB.tagBytes);
    const decipher = createDecipheriv('aes-256-gcm', this.keyFor(keyArn), nonce);
    decipher.setAAD(contextBytes(context));
    decipher.setAuthTag(blob.subarray(blob.length - KMS_BLOB.tagBytes));
    try {
      return { keyArn, plaintext: Buffer.concat([decipher.update(body), decipher.final()]) };
    } catch {
      throw invalidCiphertext();
    }
  }

  /** A fresh random data key and its blob (the plugin asks for 64 bytes, spec §6.6). */
  generateDataKey(keyArn: string, numberOfBytes: number, context?: EncryptionContext): { plaintext: Buffer; ciphertextBlob: Buffer } {
    const plaintext = randomBytes(numberOfBytes);
    return { plaintext, ciphertextBlob: this.encrypt(keyArn, plaintext, context) };
  }
}
