/** KMS operations by X-Amz-Target suffix (TrentService.<Operation>); blobs are base64 in JSON. */
import { ApiError, invalidParameter } from '../errors.js';
import type { Handler, HandlerTable } from '../handler.js';
import type { RequestContext } from '../context.js';
import { resolveKey, type ResolvedKey } from './resolve-key.js';

export const KMS_TARGET_PREFIX = 'TrentService';

export const KMS_LIMITS = {
  /** GenerateDataKey NumberOfBytes range (KMS API reference). */
  minBytes: 1,
  maxBytes: 1024,
} as const;

const KEY_SPEC_BYTES: Record<string, number> = { AES_256: 32, AES_128: 16 };

function requireKey(ctx: RequestContext, ref: string): ResolvedKey {
  const key = resolveKey(ctx.region, ref);
  if (!key) {
    const shown = ref.startsWith('arn:') ? ref : ref.startsWith('alias/') ? `arn:aws:kms:${ctx.regionName}:${ctx.account.id}:${ref}` : `arn:aws:kms:${ctx.regionName}:${ctx.account.id}:key/${ref}`;
    throw new ApiError('NotFoundException', `${ref.startsWith('alias/') ? 'Alias' : 'Key'} '${shown}' does not exist`);
  }
  return key;
}

const generateDataKey: Handler = (p, ctx) => {
  const key = requireKey(ctx, p.string('KeyId'));
  const spec = p.optString('KeySpec');
  const asked = p.optInt('NumberOfBytes');
  if (spec !== undefined && asked !== undefined) throw invalidParameter('kms', 'Please specify either number of bytes or key spec, not both.');
  const bytes = asked ?? (spec ? KEY_SPEC_BYTES[spec] : undefined);
  if (bytes === undefined) throw invalidParameter('kms', 'Please specify either number of bytes or key spec.');
  if (bytes < KMS_LIMITS.minBytes || bytes > KMS_LIMITS.maxBytes) {
    throw invalidParameter('kms', `1 validation error detected: Value '${bytes}' at 'numberOfBytes' failed to satisfy constraint: Member must have value between ${KMS_LIMITS.minBytes} and ${KMS_LIMITS.maxBytes}`);
  }
  const out = ctx.deps.kms.generateDataKey(key.arn, bytes, p.optStringMap('EncryptionContext'));
  return { KeyId: key.arn, Plaintext: out.plaintext.toString('base64'), CiphertextBlob: out.ciphertextBlob.toString('base64') };
};

const decrypt: Handler = (p, ctx) => {
  const blob = p.blob('CiphertextBlob');
  const { keyArn, plaintext } = ctx.deps.kms.decrypt(blob, p.optStringMap('EncryptionContext'));
  const asked = p.optString('KeyId');
  if (asked && requireKey(ctx, asked).arn !== keyArn) {
    throw new ApiError('IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.');
  }
  return { KeyId: keyArn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
};

const describeKey: Handler = (p, ctx) => {
  const key = requireKey(ctx, p.string('KeyId'));
  return {
    KeyMetadata: {
      KeyId: key.spec.id,
      Arn: key.arn,
      AWSAccountId: ctx.account.id,
      Enabled: true,
      KeyState: 'Enabled',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyManager: 'CUSTOMER',
      Origin: 'AWS_KMS',
      Description: key.spec.alias ? `sandbox key alias/${key.spec.alias}` : 'sandbox key',
    },
  };
};

export const kmsHandlers: HandlerTable = {
  GenerateDataKey: generateDataKey,
  Decrypt: decrypt,
  DescribeKey: describeKey,
};
