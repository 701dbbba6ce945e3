// Interfaces between the reliability layer and whoever drives it (client engine or sandbox agent).
import type { ClientMessage, FrameError } from '../frame/index.js';

/** Where frames go. `send` returns false when the bytes could not be written (socket not open). */
export interface FrameTransport {
  send(bytes: Uint8Array): boolean;
  /**
   * Optional: sends one frame given as its first bytes and the rest, as `send` of the two joined
   * would (ChannelOptions.lendOutgoing). Without it the channel joins them for `send`.
   */
  sendParts?(head: Uint8Array, tail: Uint8Array): boolean;
}

/** A handler's answer for one in-order stream frame (protocol §4.3). */
export type Delivery =
  /** Consumed: the channel acks it and moves to the next sequence number. */
  | 'accepted'
  /** Not ready (pty/handler/local connection not there yet): no ack, the peer will resend. */
  | 'not-ready';

/** One frame seen on the wire, for the inspector (frame tap). */
export interface TapEvent {
  readonly direction: 'in' | 'out';
  /** Wall-clock ms. */
  readonly at: number;
  readonly bytes: Uint8Array;
  /** Decoded frame; absent when an incoming frame was malformed (then `error` is set). */
  readonly frame?: ClientMessage;
  readonly error?: FrameError;
  /** An outgoing frame re-sent from the outgoing buffer. */
  readonly retransmit?: boolean;
  /** A websocket TEXT frame (OpenDataChannel), with the token masked. */
  readonly text?: string;
}

export interface ChannelHooks {
  /** The peer's stream frames, exactly once each, in sequence order. Must be synchronous. */
  deliver(frame: ClientMessage): Delivery;
  /** Non-stream frames: channel_closed, start/pause_publication, agent_session_state, others. */
  control?(frame: ClientMessage): void;
  /** A frame that failed to decode; it was dropped without an ack (§1.5). */
  malformed?(error: FrameError, bytes: Uint8Array): void;
  /** `deliver` threw: the frame stays unacked (the peer resends) and this reports why. */
  handlerError?(error: unknown, frame: ClientMessage): void;
  /** The outgoing buffer has room again after a refused send. */
  drain?(): void;
  /** An ack removed a frame from the outgoing buffer: unacked counts fell (flow control). */
  acked?(): void;
  /** Every frame in and out (optional; costs one callback per frame). */
  tap?(event: TapEvent): void;
}

/** Counters for status bars, tests and benches. */
export interface ChannelStats {
  framesIn: number;
  framesOut: number;
  acksIn: number;
  acksOut: number;
  retransmits: number;
  duplicates: number;
  malformed: number;
  overflowDrops: number;
  /** Of `retransmits`: resends triggered by acks for later frames (fast retransmit), not by the RTO. */
  fastRetransmits: number;
  /** Of `retransmits`: frames other than the oldest resent by the tick because a later frame was acked. */
  passedResends: number;
}

/** Raised by `send` under the 'refuse' policy when the outgoing buffer is full. */
export class ChannelFullError extends Error {
  override readonly name = 'ChannelFullError';
  constructor(readonly capacity: number) {
    super(`outgoing buffer full (${capacity} unacknowledged frames); wait for drain`);
  }
}
