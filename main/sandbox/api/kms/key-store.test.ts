import { describe, expect, it } from 'vitest';
import { KmsKeyStore } from './key-store.js';

const ARN = 'arn:aws:kms:us-east-1:123456789012:key/k1';

describe('KmsKeyStore', () => {
  it('round-trips data keys regardless of context key order', () => {
    const store = new KmsKeyStore();
    const { plaintext, ciphertextBlob } = store.generateDataKey(ARN, 64, { a: '1', b: '2' });
    expect(plaintext).toHaveLength(64);
    expect(store.decrypt(ciphertextBlob, { b: '2', a: '1' })).toEqual({ keyArn: ARN, plaintext });
  });

  it('refuses another context, a tampered blob, a foreign blob and another store', () => {
    const store = new KmsKeyStore();
    const { ciphertextBlob } = store.generateDataKey(ARN, 32, { a: '1' });
    expect(() => store.decrypt(ciphertextBlob, { a: '2' })).toThrow(expect.objectContaining({ code: 'InvalidCiphertextException' }));
    expect(() => store.decrypt(ciphertextBlob)).toThrow(expect.objectContaining({ code: 'InvalidCiphertextException' }));
    const tampered = Buffer.from(ciphertextBlob);
    tampered[tampered.length - 20] = (tampered[tampered.length - 20] ?? 0) ^ 1;
    expect(() => store.decrypt(tampered, { a: '1' })).toThrow(expect.objectContaining({ code: 'InvalidCiphertextException' }));
    expect(() => store.decrypt(Buffer.from('not a blob'), { a: '1' })).toThrow(expect.objectContaining({ code: 'InvalidCiphertextException' }));
    expect(() => new KmsKeyStore().decrypt(ciphertextBlob, { a: '1' })).toThrow(expect.objectContaining({ code: 'InvalidCiphertextException' }));
  });
});
