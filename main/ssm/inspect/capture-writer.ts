// Writes a capture: one JSON line per websocket frame (direction, time, raw bytes as base64), fed
// from the engine's frame tap. Secrets are masked by default (see mask.ts); the digest is checked
// before masking and recorded, so the inspector can still say whether the real frame was sound.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Offset, payloadDigest } from '../frame/index.js';
import { formatCaptureRecord, type CaptureDirection, type CaptureFrameKind, type CaptureRecord } from './capture-record.js';
import { maskBinaryFrame, maskTextFrame } from './mask.js';

/** What the writer needs to know about one frame; the engine's tap events map onto it. */
export interface CapturedFrame {
  dir: CaptureDirection;
  kind: CaptureFrameKind;
  bytes: Uint8Array;
  /** Wall-clock ms (Date.now()) when the frame was sent or received. */
  at: number;
}

export interface CaptureOptions {
  /** Mask tokens and KMS material (default true). Turn off only for captures that never leave the machine. */
  mask?: boolean;
}

/** SHA-256 check of a binary frame's payload, or undefined when the frame is too short to say. */
export function checkDigest(raw: Uint8Array): boolean | undefined {
  if (raw.length < Offset.Payload) return undefined;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const payloadStart = view.getUint32(Offset.HeaderLength) + 4;
  if (payloadStart > raw.length || payloadStart < Offset.PayloadDigest + 32) return undefined;
  const expected = raw.subarray(Offset.PayloadDigest, Offset.PayloadDigest + 32);
  return Buffer.compare(payloadDigest(raw.subarray(payloadStart)), expected) === 0;
}

/** Turns frames into capture records (masking, digest check, relative time). */
export class CaptureEncoder {
  private start: number | undefined;
  private readonly mask: boolean;

  constructor(options: CaptureOptions = {}) {
    this.mask = options.mask ?? true;
  }

  record(frame: CapturedFrame): CaptureRecord {
    this.start ??= frame.at;
    const record: CaptureRecord = { t: frame.at - this.start, dir: frame.dir, kind: frame.kind, raw: frame.bytes };
    if (frame.kind === 'binary') {
      const ok = checkDigest(frame.bytes);
      if (ok !== undefined) record.digestOk = ok;
    }
    if (this.mask) {
      const result = frame.kind === 'text' ? maskTextFrame(frame.bytes) : maskBinaryFrame(frame.bytes);
      record.raw = result.bytes;
      if (result.masked.length > 0) record.masked = result.masked;
    } else {
      record.raw = Uint8Array.from(frame.bytes); // the caller may reuse its buffer
    }
    return record;
  }
}

/** A capture file. `write` never throws; file errors surface from `close()`. */
export class CaptureWriter {
  private readonly encoder: CaptureEncoder;
  private readonly stream: WriteStream;
  private error: Error | undefined;
  private closed = false;

  constructor(path: string, options: CaptureOptions = {}) {
    this.encoder = new CaptureEncoder(options);
    this.stream = createWriteStream(path, { mode: 0o600 });
    this.stream.on('error', (err) => {
      this.error ??= err;
    });
  }

  write(frame: CapturedFrame): void {
    if (this.closed || this.error) return;
    this.stream.write(formatCaptureRecord(this.encoder.record(frame)));
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      if (!this.error) {
        const finished = once(this.stream, 'finish').catch(() => undefined);
        this.stream.end();
        await finished;
      }
    }
    if (this.error) throw this.error;
  }
}
