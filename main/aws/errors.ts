/**
 * AWS failures as values: every error a user can meet while listing, launching or diagnosing is an
 * `AwsError` with a plain sentence and a next step. Stack traces and SDK objects never leave main/aws.
 */
import type { ErrorDetails, PlainError } from '../../shared/contract/common.js';

export type AwsErrorCode =
  | 'expired-credentials'
  | 'invalid-credentials'
  | 'no-credentials'
  | 'sso-login-required'
  | 'mfa-required'
  | 'mfa-rejected'
  | 'credential-process-failed'
  | 'profile-not-found'
  | 'no-region'
  | 'config-invalid'
  | 'access-denied'
  | 'throttled'
  | 'target-not-connected'
  | 'exec-not-enabled'
  | 'interactive-only'
  | 'handshake-timeout'
  | 'agent-plugin-missing'
  | 'log-encryption'
  | 'not-found'
  | 'invalid-request'
  | 'endpoint-unreachable'
  | 'service-unavailable'
  | 'unknown';

/** Where the failure happened, to make the sentence specific ("listing clusters in eu-west-1"). */
export interface AwsErrorContext {
  readonly profile?: string;
  readonly region?: string;
  /** e.g. `ECS ListClusters`. */
  readonly operation?: string;
  /** True for an SSO profile, so expired credentials point at `aws sso login`. */
  readonly sso?: boolean;
  /** What a session was started on, so advice fits it (an instance has no task role). */
  readonly targetKind?: 'ecs-container' | 'instance';
}

export interface AwsErrorInit {
  readonly code: AwsErrorCode;
  readonly sentence: string;
  readonly nextStep: string;
  /** The service's own words (error name and message), kept for the "details" line. */
  readonly detail?: string;
  /** Worth retrying as-is (throttling, transient service faults). */
  readonly retryable?: boolean;
  readonly context?: AwsErrorContext;
  /** The failed call as the details panel shows it (operation, endpoint, status, request id, raw answer). */
  readonly details?: ErrorDetails;
}

export class AwsError extends Error {
  override readonly name = 'AwsError';
  readonly code: AwsErrorCode;
  readonly nextStep: string;
  readonly detail: string | undefined;
  readonly retryable: boolean;
  readonly context: AwsErrorContext;
  readonly details: ErrorDetails | undefined;

  constructor(init: AwsErrorInit) {
    super(init.sentence);
    this.code = init.code;
    this.nextStep = init.nextStep;
    this.detail = init.detail;
    this.retryable = init.retryable ?? false;
    this.context = init.context ?? {};
    this.details = init.details;
  }

  /** The contract's PlainError: what happened, the service's words, and what to do. */
  toPlain(): PlainError {
    return {
      message: this.message,
      ...(this.detail === undefined ? {} : { cause: this.detail }),
      nextStep: this.nextStep,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** Result of an operation that may fail with a plain AWS error (used by the diagnostics gatherer). */
export type AwsResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AwsError };
