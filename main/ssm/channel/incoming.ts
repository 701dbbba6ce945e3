// Incoming ordering (protocol §4.3): the peer's stream is delivered strictly in sequence; frames
// from the future wait in a bounded out-of-order buffer, frames from the past are duplicates.
import type { ClientMessage } from '../frame/index.js';

export const INCOMING = {
  /** Room for a full buffer of 10,000 ordinary frames (1024-byte payload + 120 header) with margin;
   *  without it the frame cap alone would let large frames hold gigabytes. */
  MAX_BUFFERED_BYTES: 16 * 1024 * 1024,
  /** Header bytes counted per buffered frame on top of its payload (the standard layout, §1). */
  FRAME_OVERHEAD_BYTES: 120,
} as const;

/** How an arriving stream frame relates to the expected sequence number. */
export type Arrival =
  | { readonly kind: 'in-order' }
  /** Ahead of expected and stored: ack it now, deliver later. */
  | { readonly kind: 'buffered' }
  /** Ahead of expected, but already stored (a retransmission): ack again. */
  | { readonly kind: 'buffered-duplicate' }
  /** Ahead of expected past a bound (frames, bytes, or too far ahead): drop without ack, the peer will resend. */
  | { readonly kind: 'overflow' }
  /** Behind expected: already delivered. */
  | { readonly kind: 'duplicate' };

/** What is stuck behind a hole in the peer's sequence (see IncomingOrder.gap). */
/** The arrivals as shared constants: classify runs once per frame received, so it allocates none. */
const ARRIVAL = {
  IN_ORDER: { kind: 'in-order' },
  DUPLICATE: { kind: 'duplicate' },
  BUFFERED_DUPLICATE: { kind: 'buffered-duplicate' },
  OVERFLOW: { kind: 'overflow' },
  BUFFERED: { kind: 'buffered' },
} as const satisfies Record<string, Arrival>;

export interface IncomingGap {
  /** The first sequence number that never arrived (or was not accepted yet). */
  readonly expectedSeq: number;
  readonly lowestBuffered: number;
  readonly highestBuffered: number;
  readonly bufferedFrames: number;
  /** Payload bytes plus FRAME_OVERHEAD_BYTES per frame, as counted against the byte bound. */
  readonly bufferedBytes: number;
}

export class IncomingOrder {
  private expected = 0;
  private readonly pending = new Map<number, ClientMessage>();
  private pendingBytes = 0;
  /** Sequence number of a head frame kept without an ack (`hold`), or -1. */
  private heldUnacked = -1;

  constructor(
    readonly capacity: number,
    readonly byteCapacity: number = INCOMING.MAX_BUFFERED_BYTES,
  ) {}

  /** The next sequence number to deliver. */
  get expectedSeq(): number {
    return this.expected;
  }

  get bufferedCount(): number {
    return this.pending.size;
  }

  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  classify(frame: ClientMessage): Arrival {
    const seq = frame.sequenceNumber;
    if (seq === this.expected) return ARRIVAL.IN_ORDER;
    if (seq < this.expected) return ARRIVAL.DUPLICATE;
    if (this.pending.has(seq)) return ARRIVAL.BUFFERED_DUPLICATE;
    // A frame that could never fit before the gap closes is not stored: no map of far-future seqs.
    if (seq - this.expected >= this.capacity || this.pending.size >= this.capacity) return ARRIVAL.OVERFLOW;
    const size = sizeOf(frame);
    if (this.pendingBytes + size > this.byteCapacity) return ARRIVAL.OVERFLOW;
    this.pending.set(seq, frame);
    this.pendingBytes += size;
    return ARRIVAL.BUFFERED;
  }

  /**
   * Keeps the in-order frame a not-ready handler refused, unacknowledged, so `next()` offers it
   * again on retry instead of waiting for the peer's retransmission. A retransmission replaces
   * it (an agent that could not decrypt one copy may decrypt the next).
   */
  hold(frame: ClientMessage): void {
    if (frame.sequenceNumber !== this.expected) return;
    const old = this.pending.get(this.expected);
    if (old) this.pendingBytes -= sizeOf(old);
    this.pending.set(this.expected, frame);
    this.pendingBytes += sizeOf(frame);
    this.heldUnacked = this.expected;
  }

  /** The frame at the head was kept by `hold`: ack it once it is delivered. */
  get headUnacked(): boolean {
    return this.heldUnacked === this.expected;
  }

  /** The in-order frame was delivered: move on. */
  advance(): void {
    if (this.heldUnacked === this.expected) this.heldUnacked = -1;
    const buffered = this.pending.get(this.expected);
    if (buffered) {
      this.pending.delete(this.expected);
      this.pendingBytes -= sizeOf(buffered);
    }
    this.expected += 1;
  }

  /**
   * Frames that arrived after a hole in the sequence and so were never delivered: the hole runs
   * from `expectedSeq` to just below `lowestBuffered`. Undefined when nothing waits.
   */
  gap(): IncomingGap | undefined {
    if (this.pending.size === 0) return undefined;
    let lowest = Infinity;
    let highest = -Infinity;
    for (const seq of this.pending.keys()) {
      if (seq < lowest) lowest = seq;
      if (seq > highest) highest = seq;
    }
    return { expectedSeq: this.expected, lowestBuffered: lowest, highestBuffered: highest, bufferedFrames: this.pending.size, bufferedBytes: this.pendingBytes };
  }

  /** The buffered frame now at the head of the sequence, if it has arrived. */
  next(): ClientMessage | undefined {
    return this.pending.get(this.expected);
  }
}

function sizeOf(frame: ClientMessage): number {
  return frame.payload.length + INCOMING.FRAME_OVERHEAD_BYTES;
}
