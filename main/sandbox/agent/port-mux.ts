/**
 * Mux port mode (§8.3, AGENT port_mux): the PT 1 payloads are one byte stream carrying an smux
 * v1 session in which the agent is the server. Every stream the client opens is dialled to the
 * destination; a refused dial gets PT 10 ConnectToPortError and the stream's FIN. Only the
 * TerminateSession flag is acted on. Flags and smux bytes share one pump, so a refusal never
 * overtakes data sent before it.
 */
import { connect } from 'node:net';
import { PayloadType, PayloadTypeFlag, decodeFlag, encodeFlag } from '../../ssm/frame/index.js';
import { SmuxSession, type SmuxStream } from '../../ssm/smux/index.js';
import { OutputPump } from './output-pump.js';
import type { PortTarget } from './port-basic.js';
import type { AgentPlugin, InputResult, PluginHost } from './plugin.js';

export class MuxPortPlugin implements AgentPlugin {
  private readonly pump: OutputPump;
  private readonly session: SmuxSession;
  private stopped = false;
  /** Destination connections opened so far (observable in tests). */
  dials = 0;

  constructor(
    private readonly host: PluginHost,
    private readonly target: PortTarget,
    keepAlive: boolean,
  ) {
    this.pump = new OutputPump(host, host.pacing, false);
    this.session = new SmuxSession({
      role: 'server',
      keepAlive,
      send: (bytes) => this.pump.write(bytes, PayloadType.Output),
      // Cut as the agent reads the frame it wrote whole (≤ 1024-byte reads), without joining the parts first.
      sendParts: (header, data) => this.pump.write(header, PayloadType.Output, data),
    });
    this.pump.on('drain', () => this.session.notifyDrain());
    this.session.on('stream', (stream) => this.accept(stream));
    this.session.on('inputResumed', () => this.host.ready());
    this.session.on('close', (error) => {
      if (!this.stopped && error) this.host.finish(`Port forwarding session ended: ${error.message}`);
    });
  }

  start(): void {
    // Nothing to dial until the client opens a stream.
  }

  input(payloadType: number, payload: Uint8Array): InputResult {
    if (payloadType === PayloadType.Flag) {
      let flag: number | undefined;
      try {
        flag = decodeFlag(payload);
      } catch {
        flag = undefined; // Malformed flags are ignored.
      }
      if (flag === PayloadTypeFlag.TerminateSession) this.host.finish('');
      return 'ok';
    }
    if (payloadType !== PayloadType.Output) return 'ok';
    // A reader behind its limits: refuse for now, the client's retransmission brings it back.
    if (!this.session.acceptingInput) return 'not-ready';
    this.session.receive(payload);
    return 'ok';
  }

  activeChanged(): void {
    this.pump.activeChanged();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.session.close();
    this.pump.close();
  }

  private accept(stream: SmuxStream): void {
    const dest = this.target.dial;
    if (!dest) return this.refuse(stream);
    this.dials++;
    const tcp = connect({ host: dest.host, port: dest.port });
    let connected = false;
    tcp.once('connect', () => {
      connected = true;
      stream.pipe(tcp);
      tcp.pipe(stream);
    });
    tcp.on('error', () => {
      if (!connected) this.refuse(stream);
      else stream.destroy();
    });
    stream.on('error', () => tcp.destroy());
    // After a clean half-close both ways, let the socket flush; otherwise tear it down.
    stream.on('close', () => {
      if (!tcp.writableEnded) tcp.destroy();
    });
  }

  private refuse(stream: SmuxStream): void {
    this.pump.write(encodeFlag(PayloadTypeFlag.ConnectToPortError), PayloadType.Flag);
    stream.destroy();
  }
}
