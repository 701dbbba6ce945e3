// Errors that cross the contract: a code a program can branch on and a message a person can read.
import { z } from 'zod';
import { lazySchema } from './lazy.js';
import { ErrorDetailsSchema, TextSchema, type ErrorDetails } from './common.js';
import { LocalBindProblemSchema } from './forwards.js';
import type { LocalBindProblem } from '../messages/forwards.js';

export const ErrorCodeSchema = lazySchema(() => z.enum([
  /** The message itself was not a well-formed envelope (not JSON, wrong fields, bad bytes). */
  'malformed',
  /** The service or method does not exist in the contract. */
  'unknown_method',
  /** The method exists but its params do not match the schema. */
  'invalid_params',
  /** The implementation returned something the contract does not allow (a bug in main). */
  'invalid_result',
  /** The area is in the contract but no implementation is registered yet. */
  'not_available',
  /** The host is up but Porthole's services could not start (the message says why): no call will work until it is started again. */
  'not_started',
  /** The operation ran and failed for a reason told in the message (AWS refused, port in use…). */
  'failed',
  /** An unexpected exception inside main; the message says where, never a stack trace. */
  'internal',
]));
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const RemoteErrorSchema = lazySchema(() => z.object({
  code: ErrorCodeSchema,
  message: TextSchema.min(1),
  nextStep: TextSchema.optional(),
  /** The failed AWS call behind it, when there was one (shown in an expandable details panel). */
  details: ErrorDetailsSchema.optional(),
  /** A forward that could not listen locally, and why: the form it came from marks its local port field. */
  localBindProblem: LocalBindProblemSchema.optional(),
}));
export type RemoteError = z.infer<typeof RemoteErrorSchema>;

/** A contract violation or a failed call, as a value with a code. */
export class ContractError extends Error {
  override readonly name = 'ContractError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly nextStep?: string,
    readonly details?: ErrorDetails,
    readonly localBindProblem?: LocalBindProblem,
  ) {
    super(message);
  }

  toRemote(): RemoteError {
    return {
      code: this.code,
      message: this.message,
      ...(this.nextStep === undefined ? {} : { nextStep: this.nextStep }),
      ...(this.details === undefined ? {} : { details: this.details }),
      ...(this.localBindProblem === undefined ? {} : { localBindProblem: this.localBindProblem }),
    };
  }
}

/** How many schema issues to spell out before summarising; one or two is what a reader can act on. */
const MAX_ISSUES_LISTED = 3;

/** "params.patch.fontSize: Too big: expected number to be <=40; …" — names what was wrong and where. */
export function describeIssues(error: z.ZodError, prefix: string): string {
  const parts = error.issues.slice(0, MAX_ISSUES_LISTED).map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p.length > 0).join('.');
    return `${path || '(message)'}: ${issue.message}`;
  });
  const more = error.issues.length - MAX_ISSUES_LISTED;
  return more > 0 ? `${parts.join('; ')}; and ${more} more` : parts.join('; ');
}
