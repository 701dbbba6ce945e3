/** Typed forward failures, with sentences the panel can show as they are. */
export type ForwardErrorCode = 'port-in-use' | 'bind-failed' | 'not-found' | 'start-failed' | 'invalid-spec';

export class ForwardError extends Error {
  override readonly name = 'ForwardError';
  constructor(
    readonly code: ForwardErrorCode,
    message: string,
  ) {
    super(message);
  }
}
