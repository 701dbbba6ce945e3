/**
 * Binary websocket messages (RFC 6455 §5.2) framed here, not by the ws library, and written to
 * the socket under it once per tick. A forward moves every 1 KB PT 1 frame and every ack as a
 * message of its own, thousands per tick; through ws each costs an options object, a header
 * buffer, two socket writes (header, payload) and, from a client, a separate mask pass. Here a
 * message is its header and payload written into one contiguous batch, the payload copied and
 * masked (client side) in one native pass (mask.ts) with a fresh random key per message (§5.3),
 * and the batch goes to the socket in one write at the end of the tick (process.nextTick: before
 * any I/O is polled, so no message waits for a later turn and keystroke echo is not held back).
 * Used by the client's DataSocket and the sandbox gateway.
 *
 * Ordering with what ws writes itself: ws queues nothing of its own without permessage-deflate
 * (not negotiated here) or Blob data (never sent), so its writes (pings, pongs, a close frame) go
 * straight to the socket. Control frames may sit between messages, so a ping or pong ahead of
 * this tick's batch is fine; a close frame is not (§5.5.1: no data frame after it), so `flush()`
 * before closing. ws also closes by itself (it answers the peer's close frame, or a protocol
 * error, at once, possibly mid-tick with messages in the batch): the batch asks `isOpen` before
 * writing and drops what it holds once the websocket is closing. The peer that closed would
 * discard those messages anyway (ws stops reading at a close frame); the channel resends
 * unacknowledged frames on the next connection.
 */
import { randomFillSync } from 'node:crypto';
import { copyMasked } from './mask.js';

export const FRAME_BATCH = {
  /**
   * Batch buffer size: a tick of a busy forward fills it a few times over (~57 full frames each).
   * Big enough to make the per-write cost negligible, small enough that a buffer the socket still
   * holds pins little memory. A message larger than this gets a buffer of its own size.
   */
  BUFFER_BYTES: 64 * 1024,
  /** Masking keys fetched per refill (4 bytes each): one crypto call per 1024 messages. */
  KEYS_PER_REFILL: 1024,
  /**
   * Written-out buffers kept for reuse once the socket reports their writes done. Every new
   * ArrayBuffer counts as external memory, and V8 answers external growth with extra scavenges
   * and full mark-compacts (a forward echo allocated ~1.5 MB of batch buffers per MB echoed).
   * Two: one being filled while the last written one drains is the steady state.
   */
  SPARE_BUFFERS: 2,
} as const;

/** The socket under the websocket: what the batch writes to. */
export interface BatchSocket {
  /** `done` runs once the socket no longer needs the chunk (written, or failed). */
  write(chunk: Uint8Array, done?: (error?: Error | null) => void): boolean;
  readonly destroyed: boolean;
}

/** A batch buffer and the writes of it the socket has not finished. */
interface BatchBuffer {
  readonly bytes: Uint8Array;
  /** The whole buffer as 32-bit words, for masking (made once per buffer). */
  readonly words: Int32Array;
  writing: number;
}

/** FIN + opcode 2 (binary): every message is one unfragmented frame, as ws sends it. */
const FIN_BINARY = 0x82;
/** The MASK bit of the second header byte. */
const MASK_BIT = 0x80;
/** Payload lengths up to this fit the 7-bit field; RFC 6455 §5.2. */
const MAX_7BIT = 125;
/** Payload lengths up to this take the 16-bit extended field, longer ones the 64-bit one. */
const MAX_16BIT = 0xffff;
const LENGTH_16 = 126;
const LENGTH_64 = 127;
const KEY_BYTES = 4;
/** The longest header: 2 bytes, an 8-byte length, a 4-byte key. */
const MAX_HEADER_BYTES = 14;
const TWO_32 = 2 ** 32;

/** The message's key rotated to where a tail starts (sendParts): one scratch array, no object per message. */
const tailKey = new Uint8Array(KEY_BYTES);

let keys = new Int32Array(0);
let keyBytes = new Uint8Array(0);
let nextKey = 0;

const EMPTY: BatchBuffer = { bytes: new Uint8Array(0), words: new Int32Array(0), writing: 0 };

export class FrameBatch {
  private current: BatchBuffer = EMPTY;
  private buffer = EMPTY.bytes;
  private words = EMPTY.words;
  /** Standard-size buffers whose writes are done, for `renew` to use again. */
  private readonly spares: BatchBuffer[] = [];
  /** Where the next message goes, and where the bytes not yet written to the socket start. */
  private used = 0;
  private unwritten = 0;
  private scheduled = false;
  private readonly flushAtTickEnd = () => {
    this.scheduled = false;
    this.flush();
  };

  constructor(
    private readonly socket: BatchSocket,
    /** Client → server messages are masked (§5.3); server → client ones are not. */
    private readonly masked: boolean,
    /** Whether the websocket is still open (no close frame sent): nothing is written once it is not. */
    private readonly isOpen: () => boolean = () => true,
  ) {}

  /** Bytes framed here and not yet handed to the socket (add them to its buffered amount). */
  get pendingBytes(): number {
    return this.used - this.unwritten;
  }

  /** Frames `payload` as one binary message, written to the socket at the end of this tick. */
  send(payload: Uint8Array): void {
    this.sendParts(payload, EMPTY.bytes);
  }

  /**
   * Frames `head` followed by `tail` as one binary message (as `send` of the two joined would),
   * copying each once into the batch: a sender that keeps a frame's header and payload apart
   * needs no joined copy.
   */
  sendParts(head: Uint8Array, tail: Uint8Array): void {
    const length = head.length + tail.length;
    if (this.buffer.length - this.used < MAX_HEADER_BYTES + length) this.renew(MAX_HEADER_BYTES + length);
    const b = this.buffer;
    let at = this.used;
    b[at++] = FIN_BINARY;
    const maskBit = this.masked ? MASK_BIT : 0;
    if (length <= MAX_7BIT) {
      b[at++] = maskBit | length;
    } else if (length <= MAX_16BIT) {
      b[at++] = maskBit | LENGTH_16;
      b[at++] = length >>> 8;
      b[at++] = length & 0xff;
    } else {
      b[at++] = maskBit | LENGTH_64;
      const high = Math.floor(length / TWO_32);
      const low = length - high * TWO_32;
      b[at++] = high >>> 24;
      b[at++] = high >>> 16;
      b[at++] = high >>> 8;
      b[at++] = high;
      b[at++] = low >>> 24;
      b[at++] = low >>> 16;
      b[at++] = low >>> 8;
      b[at++] = low;
    }
    if (this.masked) {
      const kb = takeKey() * KEY_BYTES;
      for (let i = 0; i < KEY_BYTES; i++) b[at++] = keyBytes[kb + i] ?? 0;
      copyMasked(head, keyBytes, kb, b, this.words, at);
      if (tail.length > 0) {
        // The tail's first byte is message byte head.length: the key continues from there.
        for (let i = 0; i < KEY_BYTES; i++) tailKey[i] = keyBytes[kb + ((head.length + i) & 3)] ?? 0;
        copyMasked(tail, tailKey, 0, b, this.words, at + head.length);
      }
    } else {
      b.set(head, at);
      // Most messages come whole (`send`): no copy call for their empty tail.
      if (tail.length > 0) b.set(tail, at + head.length);
    }
    this.used = at + length;
    if (!this.scheduled) {
      this.scheduled = true;
      process.nextTick(this.flushAtTickEnd);
    }
  }

  /** Hands everything framed so far to the socket now (before a close frame, for example). */
  flush(): void {
    if (this.used === this.unwritten) return;
    const chunk = this.buffer.subarray(this.unwritten, this.used);
    this.unwritten = this.used;
    if (this.socket.destroyed || !this.isOpen()) return;
    const owner = this.current;
    owner.writing++;
    this.socket.write(chunk, () => this.written(owner));
  }

  /** One write of `owner` is done: once all are and it is no longer filled, it may be reused. */
  private written(owner: BatchBuffer): void {
    owner.writing--;
    if (owner !== this.current) this.offerSpare(owner);
  }

  /** Keeps a standard-size buffer that is not being filled and has no write in flight. */
  private offerSpare(b: BatchBuffer): void {
    if (b.writing === 0 && b.bytes.length === FRAME_BATCH.BUFFER_BYTES && this.spares.length < FRAME_BATCH.SPARE_BUFFERS) this.spares.push(b);
  }

  /**
   * A buffer with room for `need` bytes, after writing out the old one's unwritten bytes. Bytes
   * handed to the socket are never overwritten while it may still hold them: a buffer is reused
   * only after the socket reported all its writes done (`written`).
   */
  private renew(need: number): void {
    this.flush();
    const old = this.current;
    let next = need <= FRAME_BATCH.BUFFER_BYTES ? this.spares.pop() : undefined;
    if (next === undefined) {
      // Not zero-filled (allocUnsafeSlow: its own ArrayBuffer, from offset 0, for the word view):
      // every byte handed to the socket is written first.
      const memory = Buffer.allocUnsafeSlow(Math.max(FRAME_BATCH.BUFFER_BYTES, need)).buffer;
      const bytes = new Uint8Array(memory);
      next = { bytes, words: new Int32Array(memory, 0, bytes.length >>> 2), writing: 0 };
    }
    this.current = next;
    this.buffer = next.bytes;
    this.words = next.words;
    this.used = this.unwritten = 0;
    // The old buffer's writes may all be done already: then it is a spare at once.
    if (old !== EMPTY) this.offerSpare(old);
  }
}

/** A fresh random key: its index in `keys`; its bytes are keyBytes[4 × index, +4). */
function takeKey(): number {
  if (nextKey >= keys.length) {
    keys = new Int32Array(FRAME_BATCH.KEYS_PER_REFILL);
    randomFillSync(keys);
    keyBytes = new Uint8Array(keys.buffer);
    nextKey = 0;
  }
  return nextKey++;
}
