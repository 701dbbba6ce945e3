import { describe, expect, it } from 'vitest';
import { IssuedCredentials, uniqueId } from './issued-credentials.js';

describe('issued credentials', () => {
  const identity = { accountId: '123456789012', arn: 'arn:aws:sts::123456789012:assumed-role/r/s', userId: 'AROAX:s' };

  it('acts as the identity until expiry, then reports expired, and forgets keys it never issued', () => {
    const store = new IssuedCredentials();
    const t0 = 1_700_000_000_000;
    const c = store.issue(identity, 900, t0);
    expect(c.expiration.getTime()).toBe(t0 + 900_000);
    expect(store.lookup(c.accessKeyId, t0 + 899_999)).toMatchObject(identity);
    expect(store.lookup(c.accessKeyId, t0 + 900_000)).toBe('expired');
    expect(store.lookup('ASIANEVERISSUED0000')).toBeUndefined();
  });

  it('prunes expired keys when issuing new ones', () => {
    const store = new IssuedCredentials();
    const old = store.issue(identity, 900, 0);
    const fresh = store.issue(identity, 900, 1_000_000);
    expect(store.lookup(old.accessKeyId, 1_000_000)).toBeUndefined();
    expect(store.lookup(fresh.accessKeyId, 1_000_000)).toMatchObject(identity);
    expect(fresh.accessKeyId).not.toBe(old.accessKeyId);
  });

  it('derives stable IAM-style unique ids', () => {
    expect(uniqueId('AROA', 'a/role/x')).toMatch(/^AROA[0-9A-F]{17}$/);
    expect(uniqueId('AROA', 'a/role/x')).toBe(uniqueId('AROA', 'a/role/x'));
    expect(uniqueId('AROA', 'a/role/y')).not.toBe(uniqueId('AROA', 'a/role/x'));
  });
});
