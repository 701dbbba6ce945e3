/**
 * Binary websocket messages (RFC 6455 §5.2) read here, ahead of ws's receiver: the receiving
 * half of what FrameBatch does for sending. A forward receives every 1 KB frame and every ack as
 * a message of its own; ws's receiver makes about eight Buffer views per message (each header
 * field is `consume`d as two views) and hands each through two event emitters, which made it the
 * sandbox gateway's largest cost after GC and SHA-256 (13 % of its CPU in a forward echo).
 *
 * The reader sees the socket's bytes before ws does (takeOverBinaryMessages puts it in front of
 * ws's receiver, from the connection's first byte, so it always knows where frames start). A
 * complete, unfragmented binary frame with clear RSV bits, the mask the role requires and a
 * length within the limit goes straight to the handler as a view of the socket's chunk,
 * unmasked in place (as ws unmasks), or of one copy when it spans chunks. Pings, pongs and whole
 * text frames are passed to ws as they are, in order, so ws answers and reports them as before.
 * Anything else — a close frame, a fragment, a header ws would refuse, or a binary message while
 * no handler is set — hands ws the stream from that frame on for good, so ws's checks and errors
 * stay exactly ws's own.
 */
import { createRequire } from 'node:module';

/** Bytes of a frame header: 2, an extended length of 2 or 8, a masking key of 4. */
const MAX_HEADER_BYTES = 14;
const FIN = 0x80;
const RSV_BITS = 0x70;
const OPCODE_BITS = 0x0f;
const MASK_BIT = 0x80;
const LENGTH_BITS = 0x7f;
const LENGTH_16 = 126;
const LENGTH_64 = 127;
const OPCODE_TEXT = 0x1;
const OPCODE_BINARY = 0x2;
const OPCODE_PING = 0x9;
const OPCODE_PONG = 0xa;
/** Control frames carry at most this many bytes (§5.5). */
const MAX_CONTROL_PAYLOAD = 125;
const TWO_32 = 2 ** 32;

export const MESSAGE_READER = {
  /** Below this many bytes unmasking in JavaScript costs less than the native call (ws's own line). */
  NATIVE_UNMASK_FROM_BYTES: 32,
} as const;

export interface MessageReaderOptions {
  /** Frames from the peer must be masked (we are the server) or must not be (we are the client). */
  readonly maskedFromPeer: boolean;
  /** The largest message ws was told to accept: larger ones go to ws, which refuses them. */
  readonly maxPayload: number;
  /** Hands bytes to ws's receiver, in stream order; returns its write() result. */
  readonly passOn: (bytes: Uint8Array) => boolean;
}

type Unmask = (buffer: Uint8Array, key: Uint8Array) => void;

/** bufferutil's native unmask (ws's own helper), when its native build loads. */
function loadUnmask(): Unmask | undefined {
  try {
    const util = createRequire(import.meta.url)('bufferutil') as { unmask?: Unmask };
    const unmask = util.unmask;
    return typeof unmask === 'function' && /\[native code\]/.test(Function.prototype.toString.call(unmask)) ? unmask : undefined;
  } catch {
    return undefined;
  }
}
const nativeUnmask = loadUnmask();

export class MessageReader {
  private handler: ((bytes: Uint8Array) => void) | undefined;
  /** ws has the stream from here on. */
  private bypass = false;
  /** A header cut by a chunk boundary: its bytes so far. */
  private readonly head = new Uint8Array(MAX_HEADER_BYTES);
  private headLength = 0;
  /** A fast frame cut by a chunk boundary: its copy so far, and its key. */
  private partial: Uint8Array | undefined;
  private partialLength = 0;
  private readonly partialKey = new Uint8Array(4);
  private partialMasked = false;
  /** Bytes of a frame being passed to ws that are still to come. */
  private passing = 0;
  /** Scratch key for the native unmask: no object per message. */
  private readonly key = new Uint8Array(4);

  constructor(private readonly options: MessageReaderOptions) {}

  /** False once ws reads the stream itself (see above); binary messages then come as ws events. */
  get active(): boolean {
    return !this.bypass;
  }

  /** Where binary messages go; while none is set, the first one hands the stream to ws. */
  setHandler(handler: ((bytes: Uint8Array) => void) | undefined): void {
    this.handler = handler;
  }

  /** One chunk from the socket. Returns false when ws asked for the socket to pause. */
  push(chunk: Uint8Array): boolean {
    if (this.bypass) return this.options.passOn(chunk);
    let ok = true;
    let at = 0;
    const end = chunk.length;
    while (at < end && !this.bypass) {
      if (this.passing > 0) {
        const n = Math.min(this.passing, end - at);
        ok = this.options.passOn(chunk.subarray(at, at + n));
        this.passing -= n;
        at += n;
        continue;
      }
      if (this.partial !== undefined) {
        at = this.continuePartial(chunk, at);
        continue;
      }
      // At a frame boundary: the header in place, or assembled across chunks.
      let h: Uint8Array;
      let hAt: number;
      if (this.headLength === 0 && end - at >= 2 && end - at >= headerLength(chunk, at)) {
        h = chunk;
        hAt = at;
      } else {
        const need = this.headLength < 2 ? 2 : headerLength(this.head, 0);
        const take = Math.min(need - this.headLength, end - at);
        this.head.set(chunk.subarray(at, at + take), this.headLength);
        this.headLength += take;
        at += take;
        if (this.headLength < 2 || this.headLength < headerLength(this.head, 0)) continue;
        h = this.head;
        hAt = 0;
      }
      const fromChunk = h === chunk;
      const hl = headerLength(h, hAt);
      const b0 = h[hAt] ?? 0;
      const b1 = h[hAt + 1] ?? 0;
      const masked = (b1 & MASK_BIT) !== 0;
      const length = payloadLength(h, hAt);
      const opcode = b0 & OPCODE_BITS;
      const wellFormed = (b0 & RSV_BITS) === 0 && (b0 & FIN) !== 0 && masked === this.options.maskedFromPeer && length >= 0;
      const payloadAt = fromChunk ? at + hl : at;
      if (wellFormed && opcode === OPCODE_BINARY && length <= this.options.maxPayload && this.handler !== undefined) {
        this.headLength = 0;
        if (end - payloadAt >= length) {
          const view = new Uint8Array(chunk.buffer, chunk.byteOffset + payloadAt, length);
          if (masked) this.unmask(view, h, hAt + hl - 4);
          at = payloadAt + length;
          this.handler(view);
        } else {
          this.partial = new Uint8Array(length);
          this.partialMasked = masked;
          if (masked) for (let i = 0; i < 4; i++) this.partialKey[i] = h[hAt + hl - 4 + i] ?? 0;
          this.partial.set(chunk.subarray(payloadAt, end));
          this.partialLength = end - payloadAt;
          at = end;
        }
        continue;
      }
      const passable = wellFormed && (opcode === OPCODE_TEXT ? length <= this.options.maxPayload : (opcode === OPCODE_PING || opcode === OPCODE_PONG) && length <= MAX_CONTROL_PAYLOAD);
      // The header first: in place, or the assembled copy (ws keeps what it is given).
      if (fromChunk) ok = this.options.passOn(chunk.subarray(at, payloadAt));
      else ok = this.options.passOn(this.head.slice(0, hl));
      this.headLength = 0;
      at = payloadAt;
      if (passable) {
        this.passing = length;
      } else {
        this.bypass = true;
        if (at < end) ok = this.options.passOn(chunk.subarray(at, end));
        return ok;
      }
    }
    return ok;
  }

  /** Adds bytes to the fast frame cut by a chunk boundary; delivers it once whole. */
  private continuePartial(chunk: Uint8Array, at: number): number {
    const partial = this.partial as Uint8Array;
    const n = Math.min(partial.length - this.partialLength, chunk.length - at);
    partial.set(chunk.subarray(at, at + n), this.partialLength);
    this.partialLength += n;
    if (this.partialLength === partial.length) {
      this.partial = undefined;
      if (this.partialMasked) this.unmask(partial, this.partialKey, 0);
      this.handler?.(partial);
    }
    return at + n;
  }

  /** XORs `data` with the key at keyBytes[keyAt, keyAt + 4) (§5.3), in place. */
  private unmask(data: Uint8Array, keyBytes: Uint8Array, keyAt: number): void {
    const key = this.key;
    for (let i = 0; i < 4; i++) key[i] = keyBytes[keyAt + i] ?? 0;
    if (nativeUnmask !== undefined && data.length >= MESSAGE_READER.NATIVE_UNMASK_FROM_BYTES) return nativeUnmask(data, key);
    for (let i = 0; i < data.length; i++) data[i] = (data[i] ?? 0) ^ (key[i & 3] ?? 0);
  }
}

/** The whole header's length from its first two bytes at `at`. */
function headerLength(bytes: Uint8Array, at: number): number {
  const b1 = bytes[at + 1] ?? 0;
  const seven = b1 & LENGTH_BITS;
  return 2 + (seven === LENGTH_16 ? 2 : seven === LENGTH_64 ? 8 : 0) + ((b1 & MASK_BIT) !== 0 ? 4 : 0);
}

/** The payload length of a complete header at `at`, or -1 when it is not a safe integer (ws refuses those). */
function payloadLength(bytes: Uint8Array, at: number): number {
  const seven = (bytes[at + 1] ?? 0) & LENGTH_BITS;
  if (seven < LENGTH_16) return seven;
  if (seven === LENGTH_16) return ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
  const high = u32(bytes, at + 2);
  // The first 64-bit word above 2^21 − 1 is beyond 2^53 − 1 (and a set top bit is invalid).
  if (high > 0x1f_ffff) return -1;
  return high * TWO_32 + u32(bytes, at + 6);
}

function u32(bytes: Uint8Array, at: number): number {
  return (((bytes[at] ?? 0) << 24) | ((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0)) >>> 0;
}
