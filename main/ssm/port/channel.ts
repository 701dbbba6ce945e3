/**
 * What a port session needs from a data channel that has completed its handshake. The engine's
 * client channel is adapted to this (see engine-adapter.ts); tests can run it over a
 * ReliableChannel pair. Payloads are delivered in sequence order, exactly once each.
 */
export type PortDelivery = 'accepted' | 'not-ready';

export interface PortReceiver {
  /** A PT 1 payload. 'not-ready' leaves it unacked; the agent resends it later (§4.3). */
  data(payload: Uint8Array): PortDelivery;
  /** A PT 10 flag value (§2.4). */
  flag(value: number): void;
}

/** Why a data channel ended. `expected` is false when the session died under us. */
export interface PortChannelEnd {
  readonly expected: boolean;
  /** Plain-language cause (channel_closed Output, resume failure, …). */
  readonly reason: string;
}

export interface PortChannel {
  readonly sessionId: string;
  /** From the HandshakeRequest (§6.2): drives basic vs mux and keepalive (§8.1). */
  readonly agentVersion: string;
  /** The SessionType action's Properties (§8.1); null when absent. */
  readonly properties: Readonly<Record<string, unknown>> | null;
  /** Install the receiver; payloads that arrived earlier were answered 'not-ready'. */
  setReceiver(receiver: PortReceiver): void;
  /** Offer again what the receiver refused as 'not-ready'. */
  retryDelivery(): void;
  /** Send one PT 1 payload. Returns false if the channel refused it (full); wait for onProgress. */
  sendData(payload: Uint8Array): boolean;
  /** Send a PT 10 flag (§2.4). Returns false if the channel refused it (full). */
  sendFlag(value: number): boolean;
  /**
   * Payload bytes queued in the channel or sent from its oldest unacknowledged frame on, frames
   * the agent acked out of order included: the agent cannot deliver those before the oldest one
   * (§4.3), so they are what it may have to hold for us. Outbound bounds this, which bounds the
   * agent's buffering when its reader refuses or holds a frame. Equals the unacknowledged payload
   * bytes while acks arrive in order.
   */
  readonly unackedBytes: number;
  /**
   * Called after an ack was applied (unackedBytes already counts it as gone) or the channel
   * frees room; used to resume paused local readers. Calling it before the ack is applied loses
   * the wake-up when that ack is the last one to come.
   */
  onProgress(listener: () => void): void;
  /** Called once when the channel ends (channel_closed, resume failure, or our close()). */
  onEnd(listener: (end: PortChannelEnd) => void): void;
  /**
   * Stop / resume reading the transport (websocket): TCP backpressure then reaches the gateway
   * and agent (§5) instead of refusing frames, which would cost a retransmission timeout each
   * time. Optional: without it the session answers 'not-ready' while its readers are behind.
   */
  pauseReading?(): void;
  resumeReading?(): void;
  /** Drop the data channel (websocket + timers). */
  close(): void;
}
