/**
 * What mux and basic port sessions share: the channel, the outbound path, the set of local
 * connections, and one orderly end (TerminateSession flag on close, §8.2/§8.3).
 */
import { Emitter } from '../util/emitter.js';
import type net from 'node:net';
import { PayloadTypeFlag } from '../frame/index.js';
import type { PortChannel, PortChannelEnd } from './channel.js';
import { PORT } from './constants.js';
import type { LocalConnection, PortConnectionInfo } from './connection.js';
import { Outbound, type OutboundOptions } from './outbound.js';

export type PortMode = 'mux' | 'basic' | 'stream';

export interface PortSessionEvents {
  /** A local connection ended; `reason` is set when it ended because of a failure. */
  connectionClosed: [PortConnectionInfo, reason: string | undefined];
  /** Stream mode: connections that were waiting when the session ended, for the next session. */
  unserved: [net.Socket[]];
  /** The session is over: closed by us (expected) or ended under us. */
  ended: [PortChannelEnd];
}

export abstract class PortSessionBase extends Emitter<PortSessionEvents> {
  abstract readonly mode: PortMode;
  protected readonly outbound: Outbound;
  protected readonly live = new Map<number, LocalConnection>();
  private endResult: PortChannelEnd | undefined;
  /** Set by close(): whatever ends the channel from then on was asked for. */
  private closing = false;
  /** Bytes of connections that have already closed, so totals survive them. */
  private closedTotals = { toRemote: 0, fromRemote: 0 };

  constructor(
    readonly channel: PortChannel,
    outboundOptions: OutboundOptions = {},
  ) {
    super();
    this.outbound = new Outbound(channel, outboundOptions);
    channel.onEnd((end) => this.finish(end));
  }

  get sessionId(): string {
    return this.channel.sessionId;
  }

  get ended(): boolean {
    return this.endResult !== undefined;
  }

  get connections(): PortConnectionInfo[] {
    return [...this.live.values()].map((c) => c.info());
  }

  /** Bytes each way over the whole session, open and closed connections alike. */
  get totals(): { toRemote: number; fromRemote: number } {
    let { toRemote, fromRemote } = this.closedTotals;
    for (const c of this.live.values()) {
      toRemote += c.bytesToRemote;
      fromRemote += c.bytesFromRemote;
    }
    return { toRemote, fromRemote };
  }

  /** Local bytes accepted for the agent and not yet acknowledged (flow-control backlog). */
  get outgoingBacklog(): number {
    return this.outbound.backlog;
  }

  /** Local readers are held back until the agent acknowledges enough of the backlog. */
  get outgoingPaused(): boolean {
    return this.outbound.paused;
  }

  /** Hands an accepted local connection to the session. */
  abstract attach(socket: net.Socket): void;

  /** Sends TerminateSession, waits briefly for its ack, then drops the channel. */
  async close(reason = 'closed'): Promise<void> {
    if (this.ended || this.closing) return;
    this.closing = true;
    if (this.terminateFlag()) {
      this.outbound.flag(PayloadTypeFlag.TerminateSession);
      await this.waitIdle(PORT.TERMINATE_ACK_WAIT_MS);
    }
    this.finish({ expected: true, reason });
    this.channel.close();
  }

  /** The session cannot go on (e.g. smux keepalive timeout): best-effort terminate, unexpected end. */
  protected fail(reason: string): void {
    if (this.ended) return;
    if (this.terminateFlag()) this.outbound.flag(PayloadTypeFlag.TerminateSession);
    this.finish({ expected: false, reason });
    this.channel.close();
  }

  protected abstract terminateFlag(): boolean;
  /** Mode-specific teardown (smux session, waiting sockets). */
  protected abstract teardown(): void;

  /**
   * What happens to a still-open local connection when the session ends. Closed on request: an
   * ordinary close. Ended under us (channel_closed from TerminateSession or a session limit, a
   * failure): its remote end is gone mid-stream, so it is reset, and the local client reads an
   * error (ECONNRESET) rather than an end that looks like the remote finished.
   */
  protected release(connection: LocalConnection): void {
    if (this.endResult?.expected === false) connection.socket.resetAndDestroy();
    else connection.socket.destroy();
  }

  protected track(connection: LocalConnection): void {
    this.live.set(connection.id, connection);
    connection.socket.once('close', () => {
      this.live.delete(connection.id);
      this.closedTotals.toRemote += connection.bytesToRemote;
      this.closedTotals.fromRemote += connection.bytesFromRemote;
      this.emit('connectionClosed', connection.info(), connection.closeReason);
    });
  }

  private finish(end: PortChannelEnd): void {
    if (this.endResult) return;
    this.endResult = this.closing && !end.expected ? { expected: true, reason: end.reason } : end;
    this.teardown();
    for (const c of this.live.values()) this.release(c);
    this.emit('ended', this.endResult);
  }

  private waitIdle(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const started = Date.now();
      const check = () => {
        if (this.outbound.idle || this.ended || Date.now() - started >= timeoutMs) return resolve();
        setTimeout(check, PORT.CLOSE_POLL_MS);
      };
      check();
    });
  }
}
