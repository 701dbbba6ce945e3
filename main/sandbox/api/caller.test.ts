import { describe, expect, it } from 'vitest';
import { parseWorld } from '../world/load.js';
import { World } from '../world/model.js';
import { resolveCaller } from './caller.js';
import { IssuedCredentials } from './sts/issued-credentials.js';

const world = new World(
  parseWorld({
    accounts: [
      { id: '111111111111', userName: 'first', regions: [{ name: 'us-east-1' }] },
      { id: '222222222222', userName: 'second', accessKeyIds: ['AKIASECOND'], regions: [{ name: 'us-east-1' }] },
    ],
  }),
);

describe('the caller behind an access key', () => {
  const issued = new IssuedCredentials();
  const deps = { world, expiredAccessKeyIds: new Set(['AKIAEXPIRED']), issued };

  it('maps listed keys to their account user and any other key (or none) to the first account', () => {
    expect(resolveCaller(deps, 'AKIASECOND')).toMatchObject({ arn: 'arn:aws:iam::222222222222:user/second', isUser: true, account: { id: '222222222222' } });
    expect(resolveCaller(deps, 'AKIAANYTHING')).toMatchObject({ arn: 'arn:aws:iam::111111111111:user/first', isUser: true });
    expect(resolveCaller(deps, undefined)).toMatchObject({ arn: 'arn:aws:iam::111111111111:user/first' });
    expect(resolveCaller(deps, 'AKIAEXPIRED')).toBe('expired');
  });

  it('lets a key STS issued act as its role in the role account, until it expires', () => {
    const arn = 'arn:aws:sts::222222222222:assumed-role/r/s';
    const live = issued.issue({ accountId: '222222222222', arn, userId: 'AROAX:s' }, 900);
    expect(resolveCaller(deps, live.accessKeyId)).toMatchObject({ arn, userId: 'AROAX:s', isUser: false, account: { id: '222222222222' } });
    const old = issued.issue({ accountId: '222222222222', arn, userId: 'AROAX:s' }, 900, Date.now() - 901_000);
    expect(resolveCaller(deps, old.accessKeyId)).toBe('expired');
  });
});
