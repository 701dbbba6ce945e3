// The KMS call behind session encryption (protocol §6.6), behind a small interface so tests and
// the sandbox can supply their own endpoint or client.
//
// The SDK module loads on the first GenerateDataKey, not with this file: the handshake imports
// KmsContext from here, and a session that is not encrypted (or a drop-in start) must not pay
// for loading the KMS client.
import type { KMSClient, KMSClientConfig } from '@aws-sdk/client-kms';
import { SessionCrypto } from './session-cipher.js';

export interface DataKeyRequest {
  readonly keyId: string;
  readonly encryptionContext: Readonly<Record<string, string>>;
}

export interface DataKey {
  readonly plaintext: Uint8Array;
  readonly ciphertextBlob: Uint8Array;
}

/** Produces the 64-byte data key for a session. */
export interface DataKeyProvider {
  generateDataKey(request: DataKeyRequest): Promise<DataKey>;
}

export class KmsError extends Error {
  override readonly name = 'KmsError';
}

/** Encryption-context keys the agent uses when it decrypts the data key (§6.6). */
export const KmsContext = {
  SESSION_ID: 'aws:ssm:SessionId',
  TARGET_ID: 'aws:ssm:TargetId',
  RANDOM_CHALLENGE: 'aws:ssm:RandomChallenge',
} as const;

/** GenerateDataKey through @aws-sdk/client-kms; pass `endpoint` for the sandbox, or a client. */
export function awsKmsDataKeyProvider(config: KMSClientConfig | { client: KMSClient }): DataKeyProvider {
  let client: KMSClient | undefined = 'client' in config ? config.client : undefined;
  return {
    async generateDataKey(request) {
      const sdk = await import('@aws-sdk/client-kms');
      client ??= new sdk.KMSClient(config);
      const out = await client.send(
        new sdk.GenerateDataKeyCommand({
          KeyId: request.keyId,
          NumberOfBytes: SessionCrypto.DATA_KEY_BYTES,
          EncryptionContext: { ...request.encryptionContext },
        }),
      );
      if (!out.Plaintext || !out.CiphertextBlob) throw new KmsError('KMS GenerateDataKey returned no key material');
      if (out.Plaintext.length !== SessionCrypto.DATA_KEY_BYTES) {
        throw new KmsError(`KMS returned a ${out.Plaintext.length}-byte key, expected ${SessionCrypto.DATA_KEY_BYTES}`);
      }
      return { plaintext: out.Plaintext, ciphertextBlob: out.CiphertextBlob };
    },
  };
}
