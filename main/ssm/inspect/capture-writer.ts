// Writes a capture: one JSON line per websocket frame (direction, time, raw bytes as base64), fed
// from the engine's frame tap. Secrets are masked by default (see mask.ts); the digest is checked
// before masking and recorded, so the inspector can still say whether the real frame was sound.
import { openOutputFile, type OutputFile } from '../../storage/output-file.js';
import { Offset, payloadDigest } from '../frame/index.js';
import { formatCaptureRecord, type CaptureDirection, type CaptureFrameKind, type CaptureRecord } from './capture-record.js';
import { maskBinaryFrame, maskInputFrame, maskTextFrame } from './mask.js';

/** What the writer needs to know about one frame; the engine's tap events map onto it. */
export interface CapturedFrame {
  dir: CaptureDirection;
  kind: CaptureFrameKind;
  bytes: Uint8Array;
  /** Wall-clock ms (Date.now()) when the frame was sent or received. */
  at: number;
}

export interface CaptureOptions {
  /** Mask tokens, KMS material and input payloads (default true). Turn off only for captures that never leave the machine. */
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
      let result = frame.kind === 'text' ? maskTextFrame(frame.bytes) : maskBinaryFrame(frame.bytes);
      if (frame.kind === 'binary' && frame.dir === 'client->server' && result.masked.length === 0) result = maskInputFrame(frame.bytes);
      record.raw = result.bytes;
      if (result.masked.length > 0) record.masked = result.masked;
    } else {
      record.raw = Uint8Array.from(frame.bytes); // the caller may reuse its buffer
    }
    return record;
  }
}

/**
 * A capture file, opened before the session (`CaptureWriter.open` rejects for a bad path). `write`
 * never throws; a write error is told once through `onError` and stops the capture (the session
 * goes on); `close` always settles and then throws that error, if any.
 */
export class CaptureWriter {
  private readonly encoder: CaptureEncoder;
  private behindNow = false;

  private constructor(
    private readonly file: OutputFile,
    options: CaptureOptions,
  ) {
    this.encoder = new CaptureEncoder(options);
  }

  static async open(path: string, options: CaptureOptions & { onError?: (err: Error) => void } = {}): Promise<CaptureWriter> {
    const file = await openOutputFile(path, options.onError ? { onError: options.onError } : {});
    return new CaptureWriter(file, options);
  }

  write(frame: CapturedFrame): void {
    if (this.file.error !== undefined) return;
    if (!this.file.write(formatCaptureRecord(this.encoder.record(frame)))) this.behindNow = true;
  }

  /** True when the file is behind the frames fed to it (the caller may pause reading). */
  get behind(): boolean {
    return this.behindNow && this.file.error === undefined;
  }

  whenCaughtUp(listener: () => void): void {
    this.file.onDrain(() => {
      this.behindNow = false;
      listener();
    });
  }

  async close(): Promise<void> {
    await this.file.close();
    if (this.file.error !== undefined) throw this.file.error;
  }
}
