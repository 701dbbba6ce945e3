/**
 * Reads a node-pty pty to the real end of its output. The real agent ends a shell session when
 * reading the pty fails (§7.3), after everything the command wrote. node-pty cannot promise that:
 * it destroys the master 200 ms after the process exits, read or not (DESTROY_SOCKET_TIMEOUT_MS,
 * for a macOS bug), and its non-blocking reads see EIO as soon as the last slave closes, with
 * the tail of the output (measured: 5–9 KB of 33 KB) still unread.
 *
 * So the agent keeps the read side open itself:
 * - it opens the slave too, so the master never sees the hang-up while output is pending;
 * - it presets node-pty's `_boundClose`, so the 200 ms discard is never armed;
 * - once the process is gone it writes a random marker into the slave: the marker comes out of
 *   the master after every byte the process wrote, so reading up to it is reading everything —
 *   no timer decides that the output is complete;
 * - then it closes its slave and reads on to EIO (output of anything else still holding the pty).
 *
 * `_boundClose` and `ptsName` are node-pty's own (lib/unixTerminal.js, 1.x); if they change this
 * throws, so the session tests fail loudly instead of silently losing output again.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants as fsConstants, openSync, writeSync } from 'node:fs';
import type * as pty from 'node-pty';

/**
 * How often to check whether the pty's process has exited (node-pty's exit event is off with the
 * discard). This only sets how soon the end is noticed, never how much output is read.
 */
export const PTY_EXIT_CHECK_MS = 20;
/** Random bytes in the end marker, written as upper-case hex (unchanged by any output mode, OLCUC included). */
const MARKER_BYTES = 16;

interface UnixTerminalInternals {
  _boundClose?: unknown;
  readonly ptsName?: unknown;
  on(event: 'close', listener: () => void): void;
  /** Closes the master, then SIGHUPs the process (UnixTerminal.destroy, not in IPty's typings). */
  destroy(): void;
}

export interface PtyOutputSink {
  data(bytes: Buffer): void;
  /** Everything has been read: the process's output, then the master's EIO. */
  end(): void;
}

export class PtyOutput {
  private slave: number | undefined;
  private readonly marker = Buffer.from(randomBytes(MARKER_BYTES).toString('hex').toUpperCase());
  private markerWritten = false;
  private markerSeen = false;
  /** After the marker was written: the last bytes, which may be the start of the marker. */
  private carry: Buffer = Buffer.alloc(0);
  private readonly exitCheck: NodeJS.Timeout;
  private ended = false;

  constructor(
    private readonly term: pty.IPty,
    private readonly sink: PtyOutputSink,
  ) {
    const internals = term as unknown as UnixTerminalInternals;
    if (typeof internals._boundClose !== 'boolean' || typeof internals.ptsName !== 'string') {
      throw new Error('node-pty changed: UnixTerminal._boundClose / ptsName are gone, the pty cannot be read to its end');
    }
    internals._boundClose = true;
    // Non-blocking: the marker write must never stall the event loop while the master is full.
    this.slave = openSync(internals.ptsName, fsConstants.O_RDWR | fsConstants.O_NOCTTY | fsConstants.O_NONBLOCK);
    (term.onData as unknown as pty.IEvent<Buffer | string>)((d) => this.receive(typeof d === 'string' ? Buffer.from(d) : d));
    internals.on('close', () => this.closed());
    this.exitCheck = setInterval(() => this.checkExit(), PTY_EXIT_CHECK_MS);
  }

  /** Cancels: closes our slave and the master, then hangs the process up. */
  destroy(): void {
    clearInterval(this.exitCheck);
    this.closeSlave();
    (this.term as unknown as UnixTerminalInternals).destroy();
  }

  private checkExit(): void {
    if (this.markerWritten) return;
    try {
      process.kill(this.term.pid, 0);
      return; // still running
    } catch {
      // gone: everything it wrote is in the pty, ahead of what we write now
    }
    try {
      if (this.slave !== undefined) writeSync(this.slave, this.marker);
      this.markerWritten = true;
      clearInterval(this.exitCheck);
    } catch {
      // EAGAIN: the pty is full because we paused reading; retried on the next check.
    }
  }

  private receive(bytes: Buffer): void {
    if (!this.markerWritten || this.markerSeen) return this.sink.data(bytes);
    const scan = this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : bytes;
    const at = scan.indexOf(this.marker);
    if (at >= 0) {
      this.markerSeen = true;
      this.carry = Buffer.alloc(0);
      if (at > 0) this.sink.data(scan.subarray(0, at));
      const after = scan.subarray(at + this.marker.length);
      if (after.length > 0) this.sink.data(after);
      this.closeSlave(); // the hang-up now reaches the master: EIO once nothing else holds the pty
      return;
    }
    const keep = Math.min(scan.length, this.marker.length - 1);
    if (scan.length > keep) this.sink.data(scan.subarray(0, scan.length - keep));
    this.carry = Buffer.from(scan.subarray(scan.length - keep));
  }

  private closed(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.exitCheck);
    this.closeSlave();
    if (this.carry.length > 0) this.sink.data(this.carry);
    this.carry = Buffer.alloc(0);
    this.sink.end();
  }

  private closeSlave(): void {
    if (this.slave === undefined) return;
    try {
      closeSync(this.slave);
    } catch {
      // already closed
    }
    this.slave = undefined;
  }
}
