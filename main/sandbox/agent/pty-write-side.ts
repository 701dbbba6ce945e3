/**
 * Writes a shell's input into its node-pty pty, and stops writing the moment the pty closes.
 *
 * node-pty's own write (UnixTerminal.write) queues each chunk to an asynchronous fs.write on the
 * master. Closing the master (the session's stop, or the read side's end) does not cancel a write
 * already queued, so it later hits a closed descriptor: node-pty then logs "Unhandled pty write
 * error EBADF" to the console, and had the descriptor number been reused meanwhile (the sandbox
 * opens files and sockets all the time), the input would have gone to someone else's file.
 *
 * Here every write is synchronous on the (non-blocking) master: it either happens before the
 * close, on the same thread, or not at all. A full pty (the program is not reading its input)
 * answers EAGAIN; the rest waits in order and is tried again on a timer. Any other error means
 * the pty is going away: the input is dropped, as the agent drops input for a shell that exited.
 *
 * `fd` is node-pty's own (lib/unixTerminal.js, 1.x); if it changes this throws, so the session
 * tests fail loudly instead of writing nowhere.
 */
import { writeSync } from 'node:fs';
import type * as pty from 'node-pty';

/**
 * How soon input the pty refused (its input buffer is full) is offered again. The program reads
 * its input at its own pace; this only bounds how late the rest follows, without a busy loop.
 */
export const PTY_WRITE_RETRY_MS = 10;

interface UnixTerminalFd {
  readonly fd?: unknown;
}

export class PtyInput {
  private readonly fd: number;
  /** Input not yet taken by the pty, oldest first; the head may be partly written. */
  private readonly queue: Buffer[] = [];
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(term: pty.IPty) {
    const fd = (term as unknown as UnixTerminalFd).fd;
    if (typeof fd !== 'number') throw new Error('node-pty changed: UnixTerminal.fd is gone, the pty cannot be written');
    this.fd = fd;
  }

  /** Queues input for the pty; a no-op once it closed. */
  write(bytes: Uint8Array): void {
    if (this.closed || bytes.length === 0) return;
    this.queue.push(Buffer.from(bytes));
    if (this.queue.length === 1) this.flush();
  }

  /** The master is closing or closed: nothing more is written, what waits is dropped. Idempotent. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    if (this.retry !== undefined) clearTimeout(this.retry);
    this.retry = undefined;
  }

  private flush(): void {
    this.retry = undefined;
    for (let head = this.queue[0]; head !== undefined && !this.closed; head = this.queue[0]) {
      let written: number;
      try {
        written = writeSync(this.fd, head);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return this.close(); // EIO, EBADF: the pty is gone, and its input with it
        written = 0;
      }
      if (written === 0) {
        this.retry = setTimeout(() => this.flush(), PTY_WRITE_RETRY_MS);
        return;
      }
      if (written >= head.length) this.queue.shift();
      else this.queue[0] = head.subarray(written);
    }
  }
}
