/** Typed forward failures, with sentences the panel can show as they are. */
import type { LocalBindProblem } from '../../../shared/messages/forwards.js';

export type ForwardErrorCode = LocalBindProblem | 'not-found' | 'start-failed' | 'invalid-spec' | 'target-not-ready';

const LOCAL_BIND_PROBLEMS: ReadonlySet<ForwardErrorCode> = new Set<LocalBindProblem>(['port-in-use', 'port-privileged', 'port-forbidden', 'address-not-local', 'bind-failed']);

export class ForwardError extends Error {
  override readonly name = 'ForwardError';
  constructor(
    readonly code: ForwardErrorCode,
    message: string,
    /** What to do, when the failure knows better than its code's usual advice (plain-error.ts). */
    readonly nextStep?: string,
  ) {
    super(message);
  }
}

function isLocalBindProblem(code: ForwardErrorCode): code is LocalBindProblem {
  return LOCAL_BIND_PROBLEMS.has(code);
}

/** The local problem (this computer's, not the target's) a failure was, if it was one. */
export function localBindProblemOf(error: unknown): LocalBindProblem | undefined {
  return error instanceof ForwardError && isLocalBindProblem(error.code) ? error.code : undefined;
}
