// Helpers for implementations to fail in plain words. Anything else thrown is reported as an
// internal error without its stack.
import { ContractError } from '../../shared/contract/index.js';

/** The operation ran and could not be done: say what happened and, if known, what to do next. */
export function failed(message: string, nextStep?: string): ContractError {
  return new ContractError('failed', message, nextStep);
}

/** Converts anything an implementation threw into a ContractError that is safe to send. */
export function toContractError(err: unknown, where: string): ContractError {
  if (err instanceof ContractError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new ContractError('internal', `${where} failed unexpectedly: ${detail || 'no detail'}`);
}
