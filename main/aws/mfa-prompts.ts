/**
 * MFA codes asked of a person: the credential provider waits on a prompt that the UI answers
 * through the contract's `auth` area (mfaPrompt event → respondMfa). Only the one-time code crosses.
 */
import { randomUUID } from 'node:crypto';
import type { MfaPrompt } from '../../shared/contract/auth.js';
import type { MfaCodeProvider } from './credentials.js';
import { AwsError } from './errors.js';

export const MFA_PROMPTS = {
  /** A prompt nobody answers fails after this long, so a listing never hangs forever. */
  TIMEOUT_MS: 5 * 60 * 1000,
} as const;

interface Pending {
  readonly resolve: (code: string) => void;
  readonly reject: (e: AwsError) => void;
  readonly timer: NodeJS.Timeout;
}

export class MfaPrompts {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly emit: (prompt: MfaPrompt) => void,
    /** Role ARN of a profile, shown in the prompt. */
    private readonly roleArnOf: (profile: string) => string | null = () => null,
    private readonly timeoutMs: number = MFA_PROMPTS.TIMEOUT_MS,
  ) {}

  /** The provider to give AwsWorkspace: each call raises one prompt and waits for its answer. */
  readonly provider: MfaCodeProvider = (serial, profile) =>
    new Promise<string>((resolve, reject) => {
      const promptId = `mfa-${randomUUID()}`;
      const timer = setTimeout(() => this.settle(promptId, new AwsError({ code: 'mfa-required', sentence: `No MFA code was entered for profile "${profile}" in time.`, nextStep: 'Refresh the profile to be asked again.', context: { profile } })), this.timeoutMs);
      timer.unref();
      this.pending.set(promptId, { resolve, reject, timer });
      this.emit({ promptId, profile, mfaSerial: serial, roleArn: this.roleArnOf(profile) });
    });

  /** Answer a prompt (contract `auth.respondMfa`); false when the prompt is unknown or already settled. */
  respond(answer: { action: 'code'; promptId: string; code: string } | { action: 'cancel'; promptId: string }): { accepted: boolean } {
    if (!this.pending.has(answer.promptId)) return { accepted: false };
    if (answer.action === 'code') this.settle(answer.promptId, answer.code);
    else this.settle(answer.promptId, new AwsError({ code: 'mfa-required', sentence: 'The MFA prompt was cancelled.', nextStep: 'Refresh the profile and enter the code to continue.' }));
    return { accepted: true };
  }

  /** Cancel every open prompt (app shutting down). */
  cancelAll(): void {
    for (const id of [...this.pending.keys()]) this.settle(id, new AwsError({ code: 'mfa-required', sentence: 'The MFA prompt was closed.', nextStep: 'Refresh the profile to be asked again.' }));
  }

  get openPrompts(): number {
    return this.pending.size;
  }

  private settle(promptId: string, outcome: string | AwsError): void {
    const p = this.pending.get(promptId);
    if (!p) return;
    this.pending.delete(promptId);
    clearTimeout(p.timer);
    if (typeof outcome === 'string') p.resolve(outcome);
    else p.reject(outcome);
  }
}
