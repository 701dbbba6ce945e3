// Incoming ordering (protocol §4.3): the peer's stream is delivered strictly in sequence; frames
// from the future wait in a bounded out-of-order buffer, frames from the past are duplicates.
import type { ClientMessage } from '../frame/index.js';

/** How an arriving stream frame relates to the expected sequence number. */
export type Arrival =
  | { readonly kind: 'in-order' }
  /** Ahead of expected and stored: ack it now, deliver later. */
  | { readonly kind: 'buffered' }
  /** Ahead of expected, but already stored (a retransmission): ack again. */
  | { readonly kind: 'buffered-duplicate' }
  /** Ahead of expected with the buffer full: drop without ack, the peer will resend. */
  | { readonly kind: 'overflow' }
  /** Behind expected: already delivered. */
  | { readonly kind: 'duplicate' };

export class IncomingOrder {
  private expected = 0;
  private readonly pending = new Map<number, ClientMessage>();

  constructor(readonly capacity: number) {}

  /** The next sequence number to deliver. */
  get expectedSeq(): number {
    return this.expected;
  }

  get bufferedCount(): number {
    return this.pending.size;
  }

  classify(frame: ClientMessage): Arrival {
    const seq = frame.sequenceNumber;
    if (seq === this.expected) return { kind: 'in-order' };
    if (seq < this.expected) return { kind: 'duplicate' };
    if (this.pending.has(seq)) return { kind: 'buffered-duplicate' };
    if (this.pending.size >= this.capacity) return { kind: 'overflow' };
    this.pending.set(seq, frame);
    return { kind: 'buffered' };
  }

  /** The in-order frame was delivered: move on. */
  advance(): void {
    this.pending.delete(this.expected);
    this.expected += 1;
  }

  /** The buffered frame now at the head of the sequence, if it has arrived. */
  next(): ClientMessage | undefined {
    return this.pending.get(this.expected);
  }
}
