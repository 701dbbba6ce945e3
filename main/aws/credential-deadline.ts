/**
 * A limit on how long getting a profile's credentials may take, so a resolution that waits for
 * something that will not come does not hold every call of the profile with no word on the node.
 * Time spent on a step with a limit of its own does not count: an MFA prompt (the person) or a
 * source profile's credential_process (credential-process.ts ends it at its own limit). The clock
 * stops while one is open and starts again, in full, when the last closes.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AWS_LIMITS } from './constants.js';
import { AwsError, type AwsErrorCode } from './errors.js';

/** The SDK's mfaCodeProvider with the profile named (credentials.ts's MfaCodeProvider). */
type MfaCodeProvider = (serialArn: string, profile: string) => Promise<string>;

export const CREDENTIAL_DEADLINE = {
  /**
   * Allowance for the SDK's backoff between the attempts of one call (random × 2^n × 100 ms for
   * a timeout, 500 ms base for throttling: ~3 s at most over 3 attempts) and for the client's set-up.
   */
  BACKOFF_ALLOWANCE_MS: 5_000,
  /**
   * AWS calls one resolution may make in a row: an SSO profile refreshes its token (SSO-OIDC)
   * before GetRoleCredentials; a role profile over a source role makes two AssumeRole calls.
   * Each call ends with its own timeout error first, which names the endpoint that did not answer.
   */
  CALLS_IN_A_ROW: 2,
} as const;

/**
 * The deadline for a resolution whose calls go to AWS (STS, SSO, the default chain): longer than
 * the SDK's own retry budget for CALLS_IN_A_ROW calls, so the SDK's timeout error (which says
 * which endpoint did not answer) comes first. A credential_process a source profile runs is not
 * counted: it has its own limit (credential-process-limit.ts) and this clock stops while it runs.
 */
export function credentialDeadlineMs(requestTimeoutMs: number = AWS_LIMITS.REQUEST_TIMEOUT_MS, attempts: number = AWS_LIMITS.MAX_ATTEMPTS): number {
  const perCall = attempts * requestTimeoutMs + CREDENTIAL_DEADLINE.BACKOFF_ALLOWANCE_MS;
  return CREDENTIAL_DEADLINE.CALLS_IN_A_ROW * perCall;
}

/**
 * Counts the steps with their own limit open for one profile (MFA prompts, credential_process
 * runs) and says when the first opens and the last closes.
 */
export class PromptWatch {
  private open = 0;
  private readonly listeners = new Set<(waiting: boolean) => void>();

  get waiting(): boolean {
    return this.open > 0;
  }

  /** Calls `listener(true)` when a prompt opens with none open, `listener(false)` when the last closes. */
  onChange(listener: (waiting: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  wrap(provider: MfaCodeProvider | undefined): MfaCodeProvider | undefined {
    if (!provider) return undefined;
    return (serial, profile) => this.hold(() => provider(serial, profile));
  }

  /** Runs `work` as an open step: the deadline's clock stands still until it settles. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.open += 1;
    if (this.open === 1) this.tell(true);
    try {
      return await work();
    } finally {
      this.open -= 1;
      if (this.open === 0) this.tell(false);
    }
  }

  private tell(waiting: boolean): void {
    for (const l of [...this.listeners]) l(waiting);
  }
}

/** What the deadline error says: the sentence's reason (after "did not finish within N s: ") and the next step. */
export interface StallWords {
  readonly code: AwsErrorCode;
  readonly reason: string;
  readonly nextStep: string;
}

/** "60 s" / "200 ms". */
export function spanWords(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

/**
 * `provider`, failing with `stall()`'s words when a resolution runs past `ms` outside MFA prompts.
 * The clock stops while a prompt is open and a full `ms` starts when the last one closes.
 */
export function withDeadline(provider: AwsCredentialIdentityProvider, profile: string, prompts: PromptWatch, ms: number, stall: () => StallWords): AwsCredentialIdentityProvider {
  return (props) => new Promise<AwsCredentialIdentity>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const stop = (): void => {
      clearTimeout(timer);
      timer = undefined;
    };
    const arm = (): void => {
      stop();
      timer = setTimeout(() => {
        finish();
        const words = stall();
        reject(new AwsError({
          code: words.code,
          sentence: `Getting the credentials of profile "${profile}" did not finish within ${spanWords(ms)}: ${words.reason}`,
          nextStep: words.nextStep,
          context: { profile },
        }));
      }, ms);
      timer.unref();
    };
    const unsubscribe = prompts.onChange((waiting) => {
      if (done) return;
      if (waiting) stop();
      else arm();
    });
    const finish = (): void => {
      done = true;
      stop();
      unsubscribe();
    };
    let pending: Promise<AwsCredentialIdentity>;
    try {
      pending = provider(props);
    } catch (err) {
      finish();
      reject(err);
      return;
    }
    if (!done && !prompts.waiting) arm();
    pending.then(resolve, reject).finally(finish);
  });
}
