/**
 * PortChannel over the engine's ReliableChannel (main/ssm/channel): whoever owns the data channel
 * (the client engine after its handshake, or a test harness) routes stream frames to `deliver`,
 * calls `progress` from the channel's `acked` hook, and `ended` when the session is over.
 * `acked` runs after the ack left the outgoing buffer; a frame tap runs before, so progress from
 * a tap reads unackedBytes one ack late and misses the wake-up when the last ack to come is the
 * one that empties the backlog (a resent oldest frame): the paused sender then waits forever.
 */
import { ChannelFullError, type Delivery, type ReliableChannel } from '../channel/index.js';
import { PayloadType, decodeFlag, encodeFlag, type ClientMessage } from '../frame/index.js';
import type { PortChannel, PortChannelEnd, PortReceiver } from './channel.js';

export interface PortHandshakeInfo {
  readonly sessionId: string;
  readonly agentVersion: string;
  readonly properties: Readonly<Record<string, unknown>> | null;
}

type ChannelLike = Pick<ReliableChannel, 'send' | 'writable' | 'unackedSpanPayloadBytes' | 'retryDelivery'>;

export class ReliablePortChannel implements PortChannel {
  readonly sessionId: string;
  readonly agentVersion: string;
  readonly properties: Readonly<Record<string, unknown>> | null;
  private receiver: PortReceiver | undefined;
  private readonly progressListeners: Array<() => void> = [];
  private readonly endListeners: Array<(end: PortChannelEnd) => void> = [];
  private endResult: PortChannelEnd | undefined;

  constructor(
    private readonly channel: ChannelLike,
    info: PortHandshakeInfo,
    /** Drops the underlying data channel (websocket, timers). */
    private readonly drop: () => void,
  ) {
    this.sessionId = info.sessionId;
    this.agentVersion = info.agentVersion;
    this.properties = info.properties;
  }

  /** Route the agent's stream frames here once the handshake is complete. */
  deliver(frame: ClientMessage): Delivery {
    if (frame.payloadType === PayloadType.Output) return this.receiver?.data(frame.payload) ?? 'not-ready';
    if (frame.payloadType === PayloadType.Flag) {
      this.receiver?.flag(decodeFlag(frame.payload));
    }
    return 'accepted';
  }

  /** Call after an ack was applied (ChannelHooks.acked), or when the channel drains. */
  progress(): void {
    for (const listener of this.progressListeners) listener();
  }

  /** Call once when the session ends (channel_closed, failed resume, …). */
  ended(end: PortChannelEnd): void {
    if (this.endResult) return;
    this.endResult = end;
    for (const listener of this.endListeners) listener(end);
  }

  setReceiver(receiver: PortReceiver): void {
    this.receiver = receiver;
    this.channel.retryDelivery();
  }

  retryDelivery(): void {
    this.channel.retryDelivery();
  }

  sendData(payload: Uint8Array): boolean {
    return this.sendStream(PayloadType.Output, payload);
  }

  sendFlag(value: number): boolean {
    return this.sendStream(PayloadType.Flag, encodeFlag(value));
  }

  /**
   * Payload bytes, as DataChannelPort counts them: Outbound adds its queued payload to this, and
   * counting frame headers here (120 bytes per 1 KB payload) let the backlog jump by ~12 % of what
   * was queued whenever a packed flush turned it into frames — 239 KB past the high watermark.
   */
  get unackedBytes(): number {
    return this.channel.unackedSpanPayloadBytes;
  }

  onProgress(listener: () => void): void {
    this.progressListeners.push(listener);
  }

  onEnd(listener: (end: PortChannelEnd) => void): void {
    if (this.endResult) listener(this.endResult);
    else this.endListeners.push(listener);
  }

  close(): void {
    this.ended({ expected: true, reason: 'closed' });
    this.drop();
  }

  private sendStream(payloadType: number, payload: Uint8Array): boolean {
    if (this.endResult) return true; // nothing can go out any more; do not hold writers forever
    if (!this.channel.writable) return false;
    try {
      this.channel.send(payloadType, payload);
      return true;
    } catch (error) {
      if (error instanceof ChannelFullError) return false;
      throw error;
    }
  }
}
