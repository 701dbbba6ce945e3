/**
 * Reassembles smux frames from a byte stream whose chunk boundaries have no relation to frame
 * boundaries (§8.3: the plugin pumps ≤ 1024-byte pieces, so frames split and coalesce).
 */
import { SMUX, SmuxCmd } from './constants.js';
import { checkHeader, type SmuxFrame } from './frame.js';

export class SmuxFrameReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes consumed since the start of the stream, for error offsets. */
  private consumed = 0;

  /** Appends a chunk and returns every frame now complete. Throws SmuxError on a bad header. */
  push(chunk: Uint8Array): SmuxFrame[] {
    if (chunk.length > 0) {
      this.pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
      this.pendingBytes += chunk.length;
    }
    const frames: SmuxFrame[] = [];
    while (this.pendingBytes >= SMUX.HEADER_SIZE) {
      const head = this.peek(SMUX.HEADER_SIZE);
      const version = head[0]!;
      const cmd = head[1]!;
      checkHeader(version, cmd, this.consumed);
      // UPD's body is fixed-size whatever the length field says; other cmds carry `length` bytes.
      const bodyLength = cmd === SmuxCmd.UPD ? SMUX.UPD_BODY_SIZE : head.readUInt16LE(2);
      const total = SMUX.HEADER_SIZE + bodyLength;
      if (this.pendingBytes < total) break;
      const whole = this.take(total);
      frames.push({ cmd, streamId: whole.readUInt32LE(4), data: whole.subarray(SMUX.HEADER_SIZE) });
    }
    return frames;
  }

  /** Bytes held that do not yet form a whole frame. */
  get buffered(): number {
    return this.pendingBytes;
  }

  private peek(n: number): Buffer {
    const first = this.pending[0]!;
    if (first.length >= n) return first.subarray(0, n);
    this.pending = [Buffer.concat(this.pending)];
    return this.pending[0]!.subarray(0, n);
  }

  private take(n: number): Buffer {
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
