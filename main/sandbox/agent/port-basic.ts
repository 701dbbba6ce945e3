/**
 * Basic port mode (§8.2, AGENT port_basic): one TCP connection to the destination at a time,
 * dialled right after the handshake. PT 1 bytes go to it; its bytes come back as PT 1.
 * - While the first dial is in progress, client data is "not ready" (no ack, the client resends).
 * - DisconnectToPort, or the destination closing (LocalPortForwarding type), closes the
 *   connection; the next client data re-dials and is acked at once, as the agent re-dials inside
 *   that message's handler and then acks it: it (and what follows) is written once connected.
 *   A client that resends only from the front of its buffer (the plugin) would stall otherwise.
 * - For the SSH document (no `type`) the destination closing ends the session.
 * - A refused first dial ends the session. The real agent crashes there and the client gets
 *   channel_closed with an empty Output (§16); the sandbox sends the reason in Output instead,
 *   so a user sees why — clients must cope with both.
 */
import { connect, type Socket } from 'node:net';
import { PayloadType, PayloadTypeFlag, decodeFlag } from '../../ssm/frame/index.js';
import { OutputPump } from './output-pump.js';
import type { AgentPlugin, InputResult, PluginHost } from './plugin.js';

export interface PortTarget {
  /** Where to dial; undefined when nothing listens (the dial is refused). */
  dial: { host: string; port: number } | undefined;
  /** The requested host:port, for messages. */
  label: string;
}

export class BasicPortPlugin implements AgentPlugin {
  private socket: Socket | undefined;
  private connected = false;
  private everConnected = false;
  private stopped = false;
  /** Client data taken (acked) while a re-dial is in progress, written once it connects. */
  private pending: Uint8Array[] = [];
  private readonly pump: OutputPump;

  constructor(
    private readonly host: PluginHost,
    private readonly target: PortTarget,
    private readonly localPortForwarding: boolean,
  ) {
    this.pump = new OutputPump(host, host.pacing, false);
    this.pump.on('drain', () => this.socket?.resume());
  }

  start(): void {
    this.dial();
  }

  input(payloadType: number, payload: Uint8Array): InputResult {
    if (payloadType === PayloadType.Flag) return this.flag(payload);
    if (payloadType !== PayloadType.Output) return 'ok';
    if (!this.socket) this.dial();
    if (!this.socket) return this.everConnected ? 'ok' : 'not-ready'; // a failed re-dial loses the data, as on the agent
    if (!this.connected) {
      if (!this.everConnected) return 'not-ready';
      this.pending.push(Uint8Array.from(payload)); // the payload's buffer may be reused
      return 'ok';
    }
    this.socket.write(payload);
    return 'ok';
  }

  activeChanged(): void {
    this.pump.activeChanged();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.pump.close();
    this.socket?.destroy();
  }

  private flag(payload: Uint8Array): InputResult {
    let flag: number;
    try {
      flag = decodeFlag(payload);
    } catch {
      return 'ok'; // A malformed flag is ignored, like any unknown payload.
    }
    if (flag === PayloadTypeFlag.DisconnectToPort) this.closeConnection();
    if (flag === PayloadTypeFlag.TerminateSession) this.host.finish('');
    return 'ok';
  }

  private dial(): void {
    if (this.stopped || this.socket) return;
    const dest = this.target.dial;
    if (!dest) return this.failed(`connection refused (nothing listens on ${this.target.label})`);
    const socket = connect({ host: dest.host, port: dest.port });
    this.socket = socket;
    socket.on('connect', () => {
      this.connected = true;
      this.everConnected = true;
      for (const bytes of this.pending.splice(0)) socket.write(bytes);
      this.host.ready();
    });
    socket.on('data', (data: Buffer) => {
      if (!this.pump.write(data, PayloadType.Output)) socket.pause();
    });
    socket.on('error', (err) => {
      if (!this.connected && this.socket === socket) this.failed(err.message);
    });
    socket.on('close', () => void this.destinationClosed(socket));
  }

  private failed(reason: string): void {
    this.socket = undefined;
    this.connected = false;
    this.pending = [];
    // A re-dial that fails later just waits for the next client data, like the agent.
    if (!this.everConnected) this.host.finish(`Unable to start port forwarding session: ${reason}`);
  }

  private closeConnection(): void {
    const s = this.socket;
    this.socket = undefined;
    this.connected = false;
    this.pending = [];
    s?.destroy();
  }

  private async destinationClosed(socket: Socket): Promise<void> {
    if (this.socket !== socket) return;
    const wasConnected = this.connected;
    this.socket = undefined;
    this.connected = false;
    if (!wasConnected || this.stopped) return;
    if (!this.localPortForwarding) {
      await this.pump.flush();
      if (!this.stopped) this.host.finish('');
    }
  }
}
