/** Why an smux session or stream ended abnormally. */
export type SmuxErrorCode =
  | 'bad-version'
  | 'bad-command'
  | 'keepalive-timeout'
  | 'session-closed'
  | 'frame-too-large'
  | 'stream-id-exhausted';

/** A typed smux failure: protocol errors end the smux session, never the process. */
export class SmuxError extends Error {
  override readonly name = 'SmuxError';
  constructor(
    readonly code: SmuxErrorCode,
    message: string,
    /** Byte offset in the received stream where a protocol error was found, when relevant. */
    readonly offset?: number,
  ) {
    super(message);
  }
}
