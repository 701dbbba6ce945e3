/**
 * PortChannel over the engine's client DataChannel (main/ssm/datachannel), and `openPortSession`:
 * open the data channel, wait for the Port handshake, and start the matching port session.
 */
import type { TapEvent } from '../channel/index.js';
import { DataChannel, type CloseReason, type DataChannelOptions, type SessionInfo } from '../datachannel/index.js';
import { PayloadType, decodeFlag, encodeFlag } from '../frame/index.js';
import type { PortChannel, PortChannelEnd, PortReceiver } from './channel.js';
import { PORT } from './constants.js';
import { startPortSession, type PortSession } from './port-session.js';

/** A typed failure to bring a port session up. */
export class PortSessionError extends Error {
  override readonly name = 'PortSessionError';
  constructor(
    readonly code: 'not-a-port-session' | 'handshake-timeout' | 'closed-before-ready',
    message: string,
  ) {
    super(message);
  }
}

export function endFromCloseReason(reason: CloseReason): PortChannelEnd {
  return { expected: reason.kind === 'local', reason: reason.message };
}

export class DataChannelPort implements PortChannel {
  private readonly progressListeners: Array<() => void> = [];
  private receiver: PortReceiver | undefined;

  constructor(
    readonly dc: DataChannel,
    private readonly info: SessionInfo,
  ) {
    dc.setHandler({
      deliver: (payloadType, payload) => {
        if (payloadType === PayloadType.Output) return this.receiver?.data(payload) ?? 'not-ready';
        if (payloadType === PayloadType.Flag) this.receiver?.flag(decodeFlag(payload));
        return 'accepted';
      },
    });
    // After the ack left the outgoing buffer, so unackedBytes already counts it as gone.
    dc.on('acked', () => {
      for (const listener of this.progressListeners) listener();
    });
  }

  get sessionId(): string {
    return this.dc.sessionId;
  }
  get agentVersion(): string {
    return this.info.agentVersion;
  }
  get properties(): Readonly<Record<string, unknown>> | null {
    const p = this.info.properties;
    return p !== null && typeof p === 'object' ? (p as Record<string, unknown>) : null;
  }

  setReceiver(receiver: PortReceiver): void {
    this.receiver = receiver;
    this.dc.retryDelivery();
  }
  retryDelivery(): void {
    this.dc.retryDelivery();
  }
  sendData(payload: Uint8Array): boolean {
    this.dc.send(PayloadType.Output, payload);
    return true; // the data channel queues; Outbound bounds the backlog through unackedBytes
  }
  sendFlag(value: number): boolean {
    this.dc.send(PayloadType.Flag, encodeFlag(value));
    return true;
  }
  /** Exact payload bytes queued in the engine or sent from its oldest unacknowledged frame on. */
  get unackedBytes(): number {
    return this.dc.inputAheadBytes;
  }
  pauseReading(): void {
    this.dc.pauseReading();
  }
  resumeReading(): void {
    this.dc.resumeReading();
  }
  onProgress(listener: () => void): void {
    this.progressListeners.push(listener);
  }
  onEnd(listener: (end: PortChannelEnd) => void): void {
    if (this.dc.status === 'closed') listener({ expected: false, reason: 'the data channel is closed' });
    else this.dc.on('closed', (reason) => listener(endFromCloseReason(reason)));
  }
  close(): void {
    this.dc.close();
  }

  /**
   * Progress now comes from the channel's 'acked' event, so the frame tap is not needed for flow
   * control any more. Kept so callers that still forward their tap here (the CLI's port runner)
   * compile unchanged; it does nothing and can be removed once they stop.
   */
  tap(_event: TapEvent): void {
    return undefined;
  }
}

export interface OpenPortSessionOptions extends Omit<DataChannelOptions, 'tap'> {
  /** Every frame (inspector). Flow control does not need it: without one, acks take the fast path. */
  readonly tap?: (event: TapEvent) => void;
  /** How long to wait for the Port handshake after opening. */
  readonly readyTimeoutMs?: number;
}

/** Opens the data channel, completes the Port handshake and starts the port session. */
export async function openPortSession(options: OpenPortSessionOptions): Promise<{ session: PortSession; dataChannel: DataChannel }> {
  // Port sessions take every payload before deliver() returns (smux reassembles from views, a
  // basic session writes it to its socket), so they need no copy of each (lendPayloads). What
  // they send is never changed after (Outbound queues socket reads and payloads packed from them,
  // never written again once queued whole), so sent frames keep it as given (lendOutgoing).
  const dc = new DataChannel({ lendPayloads: true, lendOutgoing: true, ...options });
  const info = await new Promise<SessionInfo>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new PortSessionError('handshake-timeout', `no Port handshake from the agent within ${readyTimeout(options)} ms`)),
      readyTimeout(options),
    );
    const offReady = dc.on('ready', (i) => {
      clearTimeout(timer);
      offClosed();
      resolve(i);
    });
    const offClosed = dc.on('closed', (reason) => {
      clearTimeout(timer);
      offReady();
      reject(new PortSessionError('closed-before-ready', `the session ended before it was ready: ${reason.message}`));
    });
    dc.open().catch(reject);
  }).catch((error: unknown) => {
    dc.close({ kind: 'failed', cause: error instanceof PortSessionError && error.code === 'handshake-timeout' ? 'handshake' : 'local', message: error instanceof Error ? error.message : String(error) });
    throw error;
  });
  if (info.sessionType !== 'Port') {
    dc.close({ kind: 'failed', cause: 'protocol', message: `expected a Port session, the agent started ${info.sessionType}` });
    throw new PortSessionError('not-a-port-session', `expected a Port session, the agent started ${info.sessionType}`);
  }
  return { session: startPortSession(new DataChannelPort(dc, info)), dataChannel: dc };
}

function readyTimeout(options: OpenPortSessionOptions): number {
  return options.readyTimeoutMs ?? PORT.HANDSHAKE_READY_TIMEOUT_MS;
}
