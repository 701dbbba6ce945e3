/**
 * Reassembles smux frames from a byte stream whose chunk boundaries have no relation to frame
 * boundaries (§8.3: the plugin pumps ≤ 1024-byte pieces, so frames split and coalesce).
 *
 * A malformed header ends the stream for good, but never takes the good frames before it with
 * it: the push that meets it still returns every frame completed ahead of the bad header, and
 * the error is then held in `failure` (and thrown by any later push). A push that meets the bad
 * header before completing any frame throws at once.
 */
import { SMUX, SmuxCmd } from './constants.js';
import { SmuxError } from './errors.js';
import { checkHeader, type SmuxFrame } from './frame.js';

export class SmuxFrameReader {
  /** Received chunks as given (no Buffer view per chunk: most never start a frame). */
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** Bytes consumed since the start of the stream, for error offsets. */
  private consumed = 0;
  private failed: SmuxError | undefined;

  /**
   * Appends a chunk and returns every frame now complete. Throws the SmuxError of a bad header
   * when no good frame precedes it in this push; otherwise returns those frames and the error
   * waits in `failure`.
   */
  push(chunk: Uint8Array): SmuxFrame[] {
    if (this.failed) throw this.failed;
    if (chunk.length > 0) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
    }
    const frames: SmuxFrame[] = [];
    while (this.pendingBytes >= SMUX.HEADER_SIZE) {
      const head = this.headAtLeast(SMUX.HEADER_SIZE);
      const version = head[0]!;
      const cmd = head[1]!;
      try {
        checkHeader(version, cmd, this.consumed);
      } catch (error) {
        if (!(error instanceof SmuxError)) throw error;
        this.fail(error);
        if (frames.length === 0) throw error;
        break;
      }
      // UPD's body is fixed-size whatever the length field says; other cmds carry `length` bytes.
      const bodyLength = cmd === SmuxCmd.UPD ? SMUX.UPD_BODY_SIZE : head[2]! | (head[3]! << 8);
      const total = SMUX.HEADER_SIZE + bodyLength;
      if (this.pendingBytes < total) break;
      const whole = this.take(total);
      const streamId = (whole[4]! | (whole[5]! << 8) | (whole[6]! << 16) | (whole[7]! << 24)) >>> 0;
      frames.push({ cmd, streamId, data: whole.subarray(SMUX.HEADER_SIZE) });
    }
    return frames;
  }

  /** The protocol error that ended the stream, once one was met (undefined while healthy). */
  get failure(): SmuxError | undefined {
    return this.failed;
  }

  /** Bytes held that do not yet form a whole frame. */
  get buffered(): number {
    return this.pendingBytes;
  }

  /** Keeps the error and lets the bytes go: nothing after a bad header can be framed again. */
  private fail(error: SmuxError): void {
    this.failed = error;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** The first pending chunk, joined with the next ones until it holds at least `n` bytes (read in place, no view). */
  private headAtLeast(n: number): Uint8Array {
    const first = this.pending[0]!;
    if (first.length >= n) return first;
    this.pending = [Buffer.concat(this.pending)];
    return this.pending[0]!;
  }

  private take(n: number): Uint8Array {
    let first = this.pending[0]!;
    if (first.length < n) {
      this.pending = [Buffer.concat(this.pending)];
      first = this.pending[0]!;
    }
    const out = first.subarray(0, n);
    if (first.length === n) this.pending.shift();
    else this.pending[0] = first.subarray(n);
    this.pendingBytes -= n;
    this.consumed += n;
    return out;
  }
}
