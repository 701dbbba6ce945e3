// Failures of the app's own modules told across the contract in plain words: an AWS error
// keeps its sentence and next step, a forward or session error its message. Anything else is
// left for the router to report as internal.
import { ContractError } from '../../shared/contract/index.js';
import { AwsError } from '../aws/errors.js';
import { ForwardError } from '../sessions/forwards/errors.js';
import { RecordingsDirMissingError, ShellNotFoundError } from '../sessions/shells/manager.js';
import { RecordingUnavailableError } from '../sessions/shells/recording.js';

/** Next steps for forward failures the manager words without one. */
const FORWARD_NEXT_STEP: Readonly<Record<ForwardError['code'], string | undefined>> = {
  'port-in-use': 'Pick another local port, or leave it empty to let the system pick a free one.',
  'bind-failed': 'Check the bind address; 127.0.0.1 always works.',
  'not-found': 'Refresh the forwards list.',
  'start-failed': 'Run diagnostics on the target to see why a session cannot start.',
  'invalid-spec': undefined,
};

export function asContractError(err: unknown): unknown {
  if (err instanceof ContractError) return err;
  if (err instanceof AwsError) return new ContractError('failed', err.detail === undefined ? err.message : `${err.message} (${err.detail})`, err.nextStep, err.details);
  if (err instanceof ForwardError) return new ContractError('failed', err.message, FORWARD_NEXT_STEP[err.code]);
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
