// The deadline on getting credentials: a resolution that never ends fails in plain words, and the
// time a person spends on an MFA prompt does not count against it.
import type { AwsCredentialIdentity } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { PromptWatch, withDeadline } from './credential-deadline.js';

const KEYS: AwsCredentialIdentity = { accessKeyId: 'AKIADEADLINE', secretAccessKey: 'deadline-secret' };

describe('withDeadline', () => {
  it('fails a resolution that never ends with the credential_process error, naming the profile', async () => {
    const never = () => new Promise<AwsCredentialIdentity>(() => undefined);
    await expect(withDeadline(never, 'stuck', new PromptWatch(), 5)()).rejects.toMatchObject({
      code: 'credential-process-failed',
      message: 'Getting the credentials of profile "stuck" did not finish within 5 ms: its credential_process (or its source profile\'s) is still running.',
    });
  });

  it('waits for as long as an MFA prompt is open, then for the rest of the resolution', async () => {
    const prompts = new PromptWatch();
    // The person answers well after the 1 ms deadline has passed (timers run in order of due time).
    const slowPerson = prompts.wrap(() => new Promise<string>((resolve) => setTimeout(() => resolve('123456'), 30)));
    const provider = async (): Promise<AwsCredentialIdentity> => {
      const code = await slowPerson?.('arn:aws:iam::1:mfa/me', 'admin');
      return { ...KEYS, sessionToken: code };
    };
    await expect(withDeadline(provider, 'admin', prompts, 1)()).resolves.toEqual({ ...KEYS, sessionToken: '123456' });
    expect(prompts.waiting).toBe(false);
  });

  it('passes a provider\'s own answer and failure through', async () => {
    await expect(withDeadline(async () => KEYS, 'p', new PromptWatch(), 1000)()).resolves.toEqual(KEYS);
    await expect(withDeadline(() => Promise.reject(new Error('nope')), 'p', new PromptWatch(), 1000)()).rejects.toThrow('nope');
  });
});
