/**
 * A limit on how long getting a profile's credentials may take. The SDK runs credential_process
 * with no time limit, so a command that waits for input Porthole cannot give (a prompt on a
 * terminal it does not have, a browser sign-in never finished) held every call of the profile,
 * with no word on the node. Time spent waiting on the person (an MFA prompt) does not count.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsError } from './errors.js';

/** The SDK's mfaCodeProvider with the profile named (credentials.ts's MfaCodeProvider). */
type MfaCodeProvider = (serialArn: string, profile: string) => Promise<string>;

export const CREDENTIAL_DEADLINE = {
  /**
   * Longest a credential resolution may run outside an MFA prompt. Helpers such as aws-vault or
   * a company's token broker answer in a few seconds; one that opens a browser needs the person
   * to finish there. A minute covers both; past it the command is waiting for something that
   * will not come.
   */
  MS: 60_000,
} as const;

/** Counts the MFA prompts open for one profile, so the deadline waits while the person types. */
export class PromptWatch {
  private open = 0;

  get waiting(): boolean {
    return this.open > 0;
  }

  wrap(provider: MfaCodeProvider | undefined): MfaCodeProvider | undefined {
    if (!provider) return undefined;
    return async (serial, profile) => {
      this.open += 1;
      try {
        return await provider(serial, profile);
      } finally {
        this.open -= 1;
      }
    };
  }
}

/**
 * `provider`, failing with a plain credential_process error when a resolution runs past `ms`
 * (the clock restarts while an MFA prompt is open). The command itself is the SDK's child
 * process: it is left to end on its own, and the next call runs it again.
 */
export function withDeadline(provider: AwsCredentialIdentityProvider, profile: string, prompts: PromptWatch, ms: number = CREDENTIAL_DEADLINE.MS): AwsCredentialIdentityProvider {
  return (props) => new Promise<AwsCredentialIdentity>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      timer = setTimeout(() => {
        if (prompts.waiting) return arm();
        reject(new AwsError({
          code: 'credential-process-failed',
          sentence: `Getting the credentials of profile "${profile}" did not finish within ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}: its credential_process (or its source profile's) is still running.`,
          nextStep: 'Run the command from the profile in a terminal: it may be waiting for input Porthole cannot give (a prompt or a sign-in). Then refresh the profile.',
          context: { profile },
        }));
      }, ms);
      timer.unref();
    };
    arm();
    provider(props).then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
