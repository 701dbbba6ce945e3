// Records a shell session's terminal output as asciicast v2. Output arrives as raw bytes in
// arbitrary chunks; a streaming UTF-8 decoder holds back a code point split across chunks so that
// the concatenated event data re-encodes to exactly the bytes received (for valid UTF-8; asciicast
// is text, so invalid sequences can only be stored as U+FFFD).
import { formatEvent, formatHeader, resizeData, type CastEventCode, type CastHeader } from './asciicast.js';

export interface CastRecorderOptions {
  width: number;
  height: number;
  title?: string;
  /** Recorded in the header's env (asciinema records TERM and SHELL). */
  env?: Record<string, string>;
  /** Millisecond clock; injectable so tests can control timestamps. */
  now?: () => number;
  /** Wall-clock start for the header's timestamp (ms since the epoch). */
  startedAt?: number;
}

export class CastRecorder {
  private readonly now: () => number;
  private readonly start: number;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private closed = false;

  constructor(
    private readonly write: (text: string) => void,
    options: CastRecorderOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.start = this.now();
    const header: CastHeader = {
      version: 2,
      width: options.width,
      height: options.height,
      timestamp: Math.floor((options.startedAt ?? Date.now()) / 1000),
    };
    if (options.title !== undefined) header.title = options.title;
    if (options.env !== undefined) header.env = options.env;
    this.write(formatHeader(header));
  }

  /** Terminal output bytes (what the remote side wrote). */
  output(bytes: Uint8Array): void {
    this.text('o', this.decoder.decode(bytes, { stream: true }));
  }

  /** The terminal was resized to cols × rows. */
  resize(cols: number, rows: number): void {
    this.text('r', resizeData(cols, rows));
  }

  /** Flushes a trailing partial code point (as U+FFFD) and stops recording. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.text('o', this.decoder.decode());
    this.closed = true;
  }

  private text(code: CastEventCode, data: string): void {
    if (this.closed || data === '') return;
    this.write(formatEvent({ time: (this.now() - this.start) / 1000, code, data }));
  }
}
