// The deadline on getting credentials: a resolution that never ends fails in plain words, and the
// time a person spends on an MFA prompt does not count against it (the clock stops while a prompt
// is open and a full deadline starts when it closes). Fake timers: no real waiting.
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AWS_LIMITS } from './constants.js';
import { CREDENTIAL_DEADLINE, credentialDeadlineMs, PromptWatch, withDeadline, type StallWords } from './credential-deadline.js';

const KEYS: AwsCredentialIdentity = { accessKeyId: 'AKIADEADLINE', secretAccessKey: 'deadline-secret' };
const STALL: StallWords = { code: 'endpoint-unreachable', reason: 'the AWS STS endpoint did not answer in time.', nextStep: 'Check your network.' };
const stall = (): StallWords => STALL;
const after = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));

/** Where a promise stands, without waiting for it. */
function track<T>(p: Promise<T>): { state: 'pending' | 'resolved' | 'rejected'; value?: T; error?: unknown } {
  const t: { state: 'pending' | 'resolved' | 'rejected'; value?: T; error?: unknown } = { state: 'pending' };
  p.then((value) => Object.assign(t, { state: 'resolved', value }), (error: unknown) => Object.assign(t, { state: 'rejected', error }));
  return t;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('withDeadline', () => {
  it('fails a resolution that never ends with the words it is given, naming the profile', async () => {
    const never = () => new Promise<AwsCredentialIdentity>(() => undefined);
    const r = track(withDeadline(never, 'stuck', new PromptWatch(), 600, stall)());
    await vi.advanceTimersByTimeAsync(599);
    expect(r.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(r.state).toBe('rejected');
    expect(r.error).toMatchObject({ code: 'endpoint-unreachable', message: 'Getting the credentials of profile "stuck" did not finish within 600 ms: the AWS STS endpoint did not answer in time.', nextStep: 'Check your network.' });
  });

  it('gives a full deadline after an MFA prompt that closed just before the clock would have run out', async () => {
    // 100× scale of a 58 s prompt then a 5 s AssumeRole call under a 60 s deadline.
    const prompts = new PromptWatch();
    const person = prompts.wrap(() => after(580, '123456'));
    const provider = async (): Promise<AwsCredentialIdentity> => {
      const code = await person?.('arn:aws:iam::1:mfa/me', 'admin');
      return after(50, { ...KEYS, sessionToken: code });
    };
    const r = track(withDeadline(provider, 'admin', prompts, 600, stall)());
    await vi.advanceTimersByTimeAsync(700);
    expect(r.state).toBe('resolved');
    expect(r.value).toEqual({ ...KEYS, sessionToken: '123456' });
    expect(prompts.waiting).toBe(false);
  });

  it('stops the clock while a prompt is open and runs a full deadline from when it closes', async () => {
    const prompts = new PromptWatch();
    const person = prompts.wrap(() => after(5_000, '123456'));
    // 300 ms of work, a prompt the person takes 5 s over, then a call that never answers.
    const provider = async (): Promise<AwsCredentialIdentity> => {
      await after(300, null);
      await person?.('arn:aws:iam::1:mfa/me', 'admin');
      return new Promise<AwsCredentialIdentity>(() => undefined);
    };
    const r = track(withDeadline(provider, 'admin', prompts, 600, stall)());
    await vi.advanceTimersByTimeAsync(300 + 5_000 + 599);
    expect(r.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(r.state).toBe('rejected');
  });

  it('passes a provider\'s own answer and failure through, a synchronous throw included, and leaves no timer', async () => {
    await expect(withDeadline(async () => KEYS, 'p', new PromptWatch(), 1000, stall)()).resolves.toEqual(KEYS);
    await expect(withDeadline(() => Promise.reject(new Error('nope')), 'p', new PromptWatch(), 1000, stall)()).rejects.toThrow('nope');
    const throwsAtOnce = (): Promise<AwsCredentialIdentity> => {
      throw new Error('bad config');
    };
    await expect(withDeadline(throwsAtOnce, 'p', new PromptWatch(), 1000, stall)()).rejects.toThrow('bad config');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('credentialDeadlineMs', () => {
  it('outlasts the SDK\'s retry budget for two calls in a row, so its timeout error comes first', () => {
    const sdkBudget = CREDENTIAL_DEADLINE.CALLS_IN_A_ROW * AWS_LIMITS.MAX_ATTEMPTS * AWS_LIMITS.REQUEST_TIMEOUT_MS;
    expect(credentialDeadlineMs()).toBeGreaterThan(sdkBudget);
    expect(credentialDeadlineMs(150, 2)).toBeGreaterThan(2 * 2 * 150);
  });
});
