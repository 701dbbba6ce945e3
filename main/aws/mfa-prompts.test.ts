import { describe, expect, it } from 'vitest';
import type { MfaPrompt } from '../../shared/contract/auth.js';
import { MfaPrompts } from './mfa-prompts.js';

describe('MfaPrompts', () => {
  it('raises a prompt per request and resolves with the code the UI sends', async () => {
    const prompts: MfaPrompt[] = [];
    const mfa = new MfaPrompts((p) => prompts.push(p), () => 'arn:aws:iam::1:role/Admin');
    const code = mfa.provider('arn:aws:iam::1:mfa/alice', 'admin');
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ profile: 'admin', mfaSerial: 'arn:aws:iam::1:mfa/alice', roleArn: 'arn:aws:iam::1:role/Admin' });
    expect(mfa.respond({ action: 'code', promptId: prompts[0]!.promptId, code: '654321' })).toEqual({ accepted: true });
    await expect(code).resolves.toBe('654321');
    expect(mfa.respond({ action: 'code', promptId: prompts[0]!.promptId, code: '111111' })).toEqual({ accepted: false });
    expect(mfa.openPrompts).toBe(0);
  });

  it('fails the waiting operation in plain words on cancel and on timeout', async () => {
    const prompts: MfaPrompt[] = [];
    const mfa = new MfaPrompts((p) => prompts.push(p), undefined, 50);
    const cancelled = mfa.provider('serial', 'p');
    mfa.respond({ action: 'cancel', promptId: prompts[0]!.promptId });
    await expect(cancelled).rejects.toMatchObject({ code: 'mfa-required', message: 'The MFA prompt was cancelled.' });
    await expect(mfa.provider('serial', 'p')).rejects.toMatchObject({ message: 'No MFA code was entered for profile "p" in time.' });
  });
});
