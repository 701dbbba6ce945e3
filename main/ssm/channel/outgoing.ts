// Outgoing buffer (protocol §4.4): every stream frame we send, as exact bytes, until acked.
// Buffer-then-send: a frame is kept even when its first transmission failed or was held back.

export interface OutgoingEntry {
  readonly seq: number;
  /**
   * The serialized frame, followed by `tail` when there is one (its payload, lent: see
   * ChannelOptions.lendOutgoing); retransmissions re-send these identical bytes (§1.2).
   */
  readonly bytes: Uint8Array;
  readonly tail?: Uint8Array | undefined;
  /** Payload bytes of every frame sent before this one (ReliableChannel.unackedSpanPayloadBytes). */
  readonly payloadStart: number;
  /** Monotonic ms of the last transmission; undefined while never transmitted. */
  lastSentAt: number | undefined;
  /** Acks for frames sent after this one's last transmission (fast-retransmit evidence). */
  laterAcks?: number;
}

export class OutgoingBuffer {
  // Map keeps insertion (= sequence) order and deletes acked entries from the middle in O(1).
  private readonly entries = new Map<number, OutgoingEntry>();
  private bytesHeld = 0;
  /**
   * No held entry has a lower sequence number (entries arrive in increasing order). `oldest()`
   * runs on every ack; iterating the Map from its start instead walked over every slot freed by
   * in-order acks since V8 last compacted the table, thousands at full output speed.
   */
  private floor = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Total bytes of the frames awaiting an ack. */
  get bytes(): number {
    return this.bytesHeld;
  }

  get full(): boolean {
    return this.entries.size >= this.capacity;
  }

  add(entry: OutgoingEntry): void {
    if (this.entries.size === 0) this.floor = entry.seq;
    this.entries.set(entry.seq, entry);
    this.bytesHeld += entry.bytes.length + (entry.tail?.length ?? 0);
  }

  /** Remove and return the entry an ack names; undefined for unknown sequence numbers. */
  ack(seq: number): OutgoingEntry | undefined {
    const entry = this.entries.get(seq);
    if (!entry) return undefined;
    this.entries.delete(seq);
    this.bytesHeld -= entry.bytes.length + (entry.tail?.length ?? 0);
    return entry;
  }

  /** The oldest unacked entry: the only one the resend scheduler looks at. */
  oldest(): OutgoingEntry | undefined {
    if (this.entries.size === 0) return undefined;
    // Each sequence number is stepped over at most once in the buffer's life: amortised O(1).
    for (;;) {
      const entry = this.entries.get(this.floor);
      if (entry) return entry;
      this.floor++;
    }
  }

  /** All unacked entries, oldest first. */
  all(): IterableIterator<OutgoingEntry> {
    return this.entries.values();
  }

  clear(): void {
    this.entries.clear();
    this.bytesHeld = 0;
  }
}
