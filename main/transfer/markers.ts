// Marker lines in the remote shell's output: `#PH<nonce> <TAG> <args>\n`. `#` and a space are
// outside the base64 alphabet, so inside a data stream the first `#` starts a marker; before the
// data the whole needle is searched for (prompts and the echo of our own command come first,
// and the command builds the needle from pieces, so its echo never contains it).
import { randomBytes } from 'node:crypto';
import { TRANSFER } from './constants.js';
import { TransferError } from './errors.js';

export interface Marker {
  readonly tag: string;
  readonly args: string;
}

/** Tags the remote scripts print. */
export const TAG = {
  PROBE: 'P',
  READY: 'R',
  ACK: 'A',
  BEGIN: 'B',
  FINISH: 'F',
  HASH: 'H',
  OK: 'K',
  MISMATCH: 'X',
  ERROR: 'E',
  CANCELLED: 'C',
} as const;

const HASH_CHAR = 0x23; // '#'
const NEWLINE = 0x0a;

export function newNonce(): string {
  return randomBytes(TRANSFER.NONCE_BYTES).toString('hex');
}

export interface ScannerSink {
  marker(marker: Marker): void;
  /** Base64 text (with line breaks) between a BEGIN and the next marker. */
  data(text: Buffer): void;
}

export class MarkerScanner {
  readonly #needle: Buffer;
  #pending: Buffer = Buffer.alloc(0);
  #inData = false;

  constructor(nonce: string, private readonly sink: ScannerSink) {
    this.#needle = Buffer.from(`#PH${nonce} `, 'latin1');
  }

  feed(chunk: Uint8Array): void {
    let buf = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    this.#pending = Buffer.alloc(0);
    while (buf.length > 0) {
      let start: number;
      if (this.#inData) {
        start = buf.indexOf(HASH_CHAR);
        const data = start < 0 ? buf : buf.subarray(0, start);
        if (data.length > 0) this.sink.data(data);
        if (start < 0) return;
      } else {
        start = buf.indexOf(this.#needle);
        if (start < 0) {
          this.#pending = Buffer.from(buf.subarray(Math.max(0, buf.length - this.#needle.length + 1)));
          return;
        }
      }
      const end = buf.indexOf(NEWLINE, start);
      if (end < 0) {
        if (buf.length - start > TRANSFER.MAX_MARKER_LINE) throw new TransferError('failed', 'The target printed an overlong marker line; the transfer protocol was disturbed.');
        this.#pending = Buffer.from(buf.subarray(start));
        return;
      }
      const line = buf.subarray(start, end);
      if (!line.subarray(0, this.#needle.length).equals(this.#needle)) {
        throw new TransferError('failed', 'Unexpected text in the data stream from the target (something else wrote to the terminal).');
      }
      this.#emit(line.subarray(this.#needle.length).toString('utf8').replace(/\r$/, ''));
      buf = buf.subarray(end + 1);
    }
  }

  #emit(text: string): void {
    const space = text.indexOf(' ');
    const tag = space < 0 ? text : text.slice(0, space);
    const args = space < 0 ? '' : text.slice(space + 1);
    this.#inData = tag === TAG.BEGIN;
    this.sink.marker({ tag, args });
  }
}
