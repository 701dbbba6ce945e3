/**
 * One emulated amazon-ssm-agent per session: the shared reliability layer with the agent's
 * policy (main/ssm/channel AGENT_POLICY), the handshake when the session needs one (§6.1:
 * Port and NonInteractiveCommands always, shells with KMS),
 * KMS encryption of PT 1/11/12 out and PT 1 in (§6.6), and the session plugin. The gateway
 * owns the websocket; the agent only sees a FrameTransport that comes and goes.
 */
import { PayloadType, type ClientMessage } from '../../ssm/frame/index.js';
import { AGENT_POLICY, Reliability, ReliableChannel, type Delivery, type FrameTransport, type TapEvent } from '../../ssm/channel/index.js';
import type { SandboxSession } from '../session-registry.js';
import type { AgentCipher } from './agent-cipher.js';
import { AGENT, type PacingMode } from './constants.js';
import { AgentHandshake, type AgentKms } from './handshake.js';
import type { AgentPlugin, PluginHost } from './plugin.js';
import { createPlugin } from './plugin-factory.js';
import type { Confinement } from '../targets/confinement.js';

export interface SessionAgentOptions {
  session: SandboxSession;
  pacing: PacingMode;
  shell: string;
  shellStartDelayMs: number;
  /** The shell pump's first-output hold (GatewayOptions.shellFirstOutputDelayMs); default the agent's 1 s. */
  shellFirstOutputDelayMs?: number;
  /** How the target's shells and commands run (targets/confinement.ts). */
  confinement: Confinement;
  kms: AgentKms | undefined;
  /** Extra condition for "active" (e.g. the websocket's send buffer is not overfull). */
  flowOk(): boolean;
  /** The client acknowledged output: unacked bytes fell, so `flowOk` may have turned true. */
  onAcked?: () => void;
  /** The session is over: '' for a normal end, else the reason (→ channel_closed Output). */
  onFinished(output: string): void;
  tap?: (event: TapEvent) => void;
}

/**
 * Session types whose agent plugin requires the handshake even without KMS (§6.1 RequireHandshake):
 * Port, and NonInteractiveCommands, whose plugin needs the client's version (the separate-stream
 * notice of §6.4) — observed on the real agent (issue 20), where §6.1's list omits it.
 */
const REQUIRES_HANDSHAKE: ReadonlySet<string> = new Set(['Port', 'NonInteractiveCommands']);

/** Payload types the agent encrypts when KMS is on (§6.6). */
const ENCRYPTED_OUT: ReadonlySet<number> = new Set([PayloadType.Output, PayloadType.StdErr, PayloadType.ExitCode]);

export class SessionAgent {
  readonly channel: ReliableChannel;
  private plugin: AgentPlugin | undefined;
  private handshake: AgentHandshake | undefined;
  private cipher: AgentCipher | undefined;
  private attached = false;
  private started = false;
  private finishing = false;
  private disposed = false;
  private readonly host: PluginHost;

  constructor(private readonly o: SessionAgentOptions) {
    this.channel = new ReliableChannel({
      // `faithful` keeps the agent's RTO-only resends; `unpaced` is for speed, so it recovers
      // losses with Porthole's fast retransmit too (ReliableChannel.fastRetransmit).
      policy: o.pacing === 'unpaced' ? { ...AGENT_POLICY, fastRetransmitAcks: Reliability.FAST_RETRANSMIT_ACKS, passedResendsPerTick: Reliability.PASSED_RESENDS_PER_TICK } : AGENT_POLICY,
      verifyDigest: false, // the real agent never checks the digest (§1.5)
      // Port plugins take each payload before returning (smux reassembles from views, a basic
      // port writes it to its socket): no copy per frame. Shells keep input queued for the pty.
      lendPayloads: o.session.kind.type === 'Port',
      // What port plugins send is never changed after (socket reads, views of them, smux headers
      // and the chunks joined across them are fresh): frames keep their payload as given, after
      // the encoded header, instead of a copy (ChannelOptions.lendOutgoing). Same wire bytes.
      lendOutgoing: o.session.kind.type === 'Port',
      hooks: { deliver: (f) => this.deliver(f), ...(o.onAcked ? { acked: o.onAcked } : {}), ...(o.tap ? { tap: o.tap } : {}) },
    });
    const isActive = (): boolean => this.active;
    this.host = {
      sessionId: o.session.sessionId,
      pacing: o.pacing,
      get active() {
        return isActive();
      },
      send: (pt, payload) => this.send(pt, payload),
      ready: () => this.channel.retryDelivery(),
      finish: (output) => void this.finish(output),
    };
  }

  private get agentVersion(): string {
    return this.o.session.agentVersion || AGENT.DEFAULT_VERSION;
  }

  /** Client connected (or re-connected): resend unacked frames; the first attach starts the session. */
  attach(transport: FrameTransport): void {
    this.attached = true;
    this.channel.attach(transport);
    if (!this.started) this.start();
    else this.activeChanged();
  }

  /** Client gone: the agent keeps its state and acts paused (§5). */
  detach(): void {
    this.attached = false;
    this.channel.detach();
  }

  receive(bytes: Uint8Array): void {
    this.channel.receive(bytes);
  }

  get active(): boolean {
    return this.attached && !this.channel.isPaused && this.o.flowOk();
  }

  /** Something that feeds `active` changed: let the pumps resume. */
  activeChanged(): void {
    this.plugin?.activeChanged();
  }

  /** Ends the session from outside (TerminateSession API, gateway shutdown). */
  terminate(output: string): void {
    void this.finish(output);
  }

  /** Stops everything at once, without a channel_closed (sandbox shutdown). */
  dispose(): void {
    this.finishing = true;
    this.disposed = true;
    this.plugin?.stop();
    this.handshake?.dispose();
    this.channel.close();
  }

  private start(): void {
    this.started = true;
    const s = this.o.session;
    const isPort = s.kind.type === 'Port';
    const kmsKeyId = isPort ? undefined : s.kmsKeyId; // Port sessions are never encrypted (§6.1)
    if (!REQUIRES_HANDSHAKE.has(s.kind.type) && kmsKeyId === undefined) {
      this.channel.markHandshakeComplete();
      return this.startPlugin('');
    }
    this.handshake = new AgentHandshake({
      sessionId: s.sessionId,
      targetId: s.target,
      agentVersion: this.agentVersion,
      sessionType: s.kind.type,
      properties: s.kind.type === 'Port' ? s.kind.properties : null,
      kmsKeyId,
      kms: this.o.kms,
      send: (pt, payload) => void (this.disposed ? undefined : this.channel.send(pt, payload)),
      complete: (clientVersion, cipher) => {
        this.cipher = cipher;
        this.channel.markHandshakeComplete();
        this.startPlugin(clientVersion);
      },
      fail: (output) => void this.finish(output),
    });
    this.handshake.start();
  }

  private startPlugin(clientVersion: string): void {
    if (this.finishing) return;
    const s = this.o.session;
    this.plugin = createPlugin(this.host, { kind: s.kind, workdir: s.workdir, shell: this.o.shell, shellStartDelayMs: this.o.shellStartDelayMs, ...(this.o.shellFirstOutputDelayMs === undefined ? {} : { shellFirstOutputDelayMs: this.o.shellFirstOutputDelayMs }), confinement: this.o.confinement, targetName: s.targetName ?? s.target, clientVersion, agentVersion: this.agentVersion });
    this.plugin.start();
  }

  private deliver(frame: ClientMessage): Delivery {
    // Client input is what keeps the session from Session Manager's idle timeout (session-limits.ts).
    this.o.session.lastActivityAt = Date.now();
    const pt = frame.payloadType;
    if (pt === PayloadType.HandshakeResponse || pt === PayloadType.EncChallengeResponse) {
      this.handshake?.receive(pt, frame.payload);
      return 'accepted';
    }
    if (!this.plugin || this.finishing) return this.finishing ? 'accepted' : 'not-ready';
    let payload = frame.payload;
    if (this.cipher && pt === PayloadType.Output) {
      try {
        payload = this.cipher.decrypt(payload);
      } catch {
        return 'not-ready'; // The agent does not ack what it cannot decrypt.
      }
    }
    return this.plugin.input(pt, payload) === 'ok' ? 'accepted' : 'not-ready';
  }

  private send(payloadType: number, payload: Uint8Array): void {
    // Late output of a stopped plugin has nowhere to go once the channel is closed.
    if (this.disposed || (this.finishing && payloadType !== PayloadType.ExitCode)) return;
    const wire = this.cipher && ENCRYPTED_OUT.has(payloadType) ? this.cipher.encrypt(payload) : payload;
    this.channel.send(payloadType, wire);
  }

  /** Normal end: wait ≤ 2 s for the client to ack our output (§7.3), then report. */
  private async finish(output: string): Promise<void> {
    if (this.finishing) return;
    this.finishing = true;
    this.handshake?.dispose();
    this.plugin?.stop();
    // A plugin may finish while handling a client message (a TerminateSession flag): the agent
    // acks that message before it closes, so let the ack go out first.
    await new Promise((resolve) => setImmediate(resolve));
    const deadline = Date.now() + AGENT.CLOSE_DRAIN_MS;
    while (this.channel.unackedFrames > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, AGENT.DRAIN_POLL_MS));
    }
    this.o.onFinished(output);
  }
}
