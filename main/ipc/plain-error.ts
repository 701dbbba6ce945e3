// Failures of the app's own modules told across the contract in plain words: an AWS error
// keeps its sentence and next step, a forward or session error its message. Anything else is
// left for the router to report as internal.
import { ContractError } from '../../shared/contract/index.js';
import { AwsError } from '../aws/errors.js';
import { localBindNextStep } from '../../shared/messages/forwards.js';
import { ForwardError, localBindProblemOf } from '../sessions/forwards/errors.js';
import { RecordingsDirMissingError, ShellNotFoundError } from '../sessions/shells/manager.js';
import { RecordingUnavailableError } from '../sessions/shells/recording.js';

/** Next steps for forward failures the manager words without one (a local bind problem: advice for the form it came from). */
function forwardNextStep(err: ForwardError): string | undefined {
  if (err.nextStep !== undefined) return err.nextStep;
  const local = localBindProblemOf(err);
  if (local !== undefined) return localBindNextStep(local, 'form');
  if (err.code === 'not-found') return 'Refresh the forwards list.';
  if (err.code === 'start-failed') return 'Run diagnostics on the target to see why a session cannot start.';
  return undefined;
}

export function asContractError(err: unknown): unknown {
  if (err instanceof ContractError) return err;
  if (err instanceof AwsError) return new ContractError('failed', err.detail === undefined ? err.message : `${err.message} (${err.detail})`, err.nextStep, err.details);
  if (err instanceof ForwardError) return new ContractError('failed', err.message, forwardNextStep(err), undefined, localBindProblemOf(err));
  if (err instanceof ShellNotFoundError) return new ContractError('failed', err.message, 'The tab may belong to a session that already ended; open a new one.');
  if (err instanceof RecordingUnavailableError || err instanceof RecordingsDirMissingError) return new ContractError('failed', err.message);
  return err;
}

/** Runs an implementation and rethrows its failure as a ContractError when it has plain words. */
export async function plainly<T>(run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw asContractError(err);
  }
}
