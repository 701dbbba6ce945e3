// Where both halves of a ReliableChannel put frames on the wire: the transport attached now (none
// while the peer's websocket is gone), with every frame counted and shown to the frame tap.
import type { Transmit } from './loss-recovery.js';
import type { ChannelHooks, ChannelStats, FrameTransport } from './types.js';

export class FrameOutput {
  /** undefined between detach and the next attach: frames are then kept by the sender only. */
  transport: FrameTransport | undefined;

  constructor(
    private readonly stats: ChannelStats,
    private readonly hooks: ChannelHooks,
  ) {}

  /** A retransmission from loss-recovery.ts (transmit, bound once). */
  readonly resend: Transmit = (bytes, retransmit, tail) => this.transmit(bytes, retransmit, tail);

  /** Sends a frame: `bytes`, followed by `tail` when the frame is kept as header and lent payload. */
  transmit(bytes: Uint8Array, retransmit: boolean, tail?: Uint8Array): boolean {
    const t = this.transport;
    if (!t) return false;
    const sent = tail === undefined ? t.send(bytes) : t.sendParts ? t.sendParts(bytes, tail) : t.send(joined(bytes, tail));
    if (!sent) return false;
    this.stats.framesOut++;
    if (retransmit) this.stats.retransmits++;
    if (this.hooks.tap) this.hooks.tap({ direction: 'out', at: Date.now(), bytes: tail === undefined ? bytes : joined(bytes, tail), retransmit });
    return true;
  }
}

/** A frame kept as header and lent payload, as one buffer (transports without sendParts, the frame tap). */
function joined(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
