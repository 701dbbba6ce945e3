/**
 * One session's life on the gateway: its emulated agent, the websocket currently attached
 * (replaced on every re-open after ResumeSession), the fault shapers between the two, and the
 * MGS-originated frames. When the agent finishes, channel_closed goes to the client — at once,
 * or on its next open if it was away. Backpressure toward the agent is flow-gate.ts; the socket
 * kill knob socket-killer.ts; per-message helpers frame-class.ts.
 */
import { WebSocket } from 'ws';
import type { TapEvent } from '../../ssm/channel/index.js';
import { SessionAgent } from '../agent/agent.js';
import { AGENT } from '../agent/constants.js';
import type { FaultTarget } from '../faults/controller.js';
import { seededRandom } from '../faults/random.js';
import { FrameShaper, type ShaperStats } from '../faults/shaper.js';
import type { FaultAction, FaultSpec } from '../faults/spec.js';
import type { SandboxSession, SessionRegistry } from '../session-registry.js';
import { CloseCode, GATEWAY } from './constants.js';
import { FlowGate } from './flow-gate.js';
import { classify, toBytes, UNSHAPED } from './frame-class.js';
import { SocketKiller } from './socket-killer.js';
import { channelClosedFrame, malformedFrame, publicationFrame } from './mgs-frames.js';
import type { AgentSettings, SessionHostStats } from './session-host-types.js';
import { FrameBatch, type BatchSocket } from '../../ssm/connection/frame-batch.js';
import type { MessageReader } from '../../ssm/connection/message-reader.js';

export type { AgentSettings, SessionHostStats } from './session-host-types.js';

export class SessionHost implements FaultTarget {
  readonly agent: SessionAgent;
  readonly stats: SessionHostStats = { opens: 0, kills: 0, attached: false, finished: false, closedOutput: undefined, pings: 0 };
  private ws: WebSocket | undefined;
  /**
   * This tick's binary messages to the current websocket, framed into one socket write
   * (FrameBatch); undefined without the socket (or with an extension negotiated), when ws sends.
   */
  private batch: FrameBatch | undefined;
  private spec: FaultSpec | undefined;
  private readonly toClient: FrameShaper;
  private readonly toAgent: FrameShaper;
  private readonly killer = new SocketKiller(() => {
    if (this.ws) this.kill(this.ws);
  });
  private readonly flow: FlowGate;
  private closeHeaderLength: 116 | 112 = 116;
  private agentDisposed = false;
  /** When the current socket attached: a returning client gets a full drain window (finished). */
  private attachedAt = 0;
  private terminateTimer: NodeJS.Timeout | undefined;
  /** Sockets the go-silent fault left open (unread, so their end is never seen): ended on the next attach. */
  private readonly silenced = new Set<WebSocket>();

  constructor(
    readonly session: SandboxSession,
    private readonly registry: SessionRegistry,
    settings: AgentSettings,
    /** The session is over (the gateway forgets the host later). */
    private readonly onEnded: () => void = () => undefined,
  ) {
    this.agent = new SessionAgent({
      session,
      pacing: settings.pacing,
      shell: settings.shell,
      shellStartDelayMs: settings.shellStartDelayMs,
      shellFirstOutputDelayMs: settings.shellFirstOutputDelayMs,
      confinement: settings.confinement,
      kms: settings.kms,
      flowOk: () => this.flow.ok(),
      onAcked: () => this.flow.progress(),
      onFinished: (output) => this.finished(output),
      ...(settings.tap ? { tap: (e: TapEvent) => settings.tap?.(session.sessionId, e) } : {}),
    });
    this.flow = new FlowGate(this.agent, () => this.agent.activeChanged());
    [this.toClient, this.toAgent] = this.shapers();
  }

  /** What the fault shapers did to this session's frames so far, all sockets together. */
  faultStats(): { toClient: ShaperStats; toAgent: ShaperStats } {
    return { toClient: { ...this.toClient.stats }, toAgent: { ...this.toAgent.stats } };
  }

  /**
   * A client opened the data channel with a valid token (`socket`: its TCP socket, for batching;
   * `reader`: binary messages read ahead of ws, see message-reader.ts).
   */
  attach(ws: WebSocket, socket?: BatchSocket, reader?: MessageReader): void {
    const old = this.ws;
    if (old) this.detach(old, true);
    this.endSilenced();
    this.ws = ws;
    // FrameBatch writes beside ws, which is only in order while ws queues nothing: no permessage-deflate.
    this.batch = socket && ws.extensions === '' ? new FrameBatch(socket, false, () => ws.readyState === WebSocket.OPEN) : undefined;
    this.flow.socket(ws, this.batch);
    this.stats.opens++;
    this.stats.attached = true;
    this.attachedAt = Date.now();
    const toAgent = (bytes: Uint8Array): void => {
      if (this.ws === ws) this.toAgent.push(bytes, this.spec?.toAgent ? classify(bytes) : UNSHAPED);
    };
    reader?.setHandler(toAgent);
    // What the reader leaves to ws (all of it without a reader) comes as ws events.
    ws.on('message', (data, isBinary) => {
      // The plugin feeds text frames to its binary parser too; the agent would fail to parse them.
      if (isBinary) toAgent(toBytes(data));
    });
    ws.on('ping', () => void this.stats.pings++); // ws has answered it already
    ws.on('close', () => {
      if (this.ws === ws) this.detach(ws, false);
    });
    this.agent.attach({ send: (bytes) => this.sendToClient(bytes), sendParts: (head, tail) => this.sendPartsToClient(head, tail) });
    if (this.stats.finished) return void this.closeAfterDrain();
    this.armKillTimer();
  }

  /** TerminateSession API (registry) or gateway shutdown with a channel_closed. */
  terminate(output: string): void {
    this.agent.terminate(output);
  }

  /** Sandbox shutdown: stop at once. */
  dispose(): void {
    this.clearTimers();
    this.toClient.dispose();
    this.toAgent.dispose();
    this.agent.dispose();
    this.batch?.flush();
    this.ws?.close(CloseCode.GoingAway, 'sandbox shutting down');
    this.ws = undefined;
    this.endSilenced();
    this.flow.socket(undefined, undefined);
  }

  // ---- FaultTarget ----

  /**
   * New knobs take effect for frames from now on; frames the shapers hold stay in place (see
   * FrameShaper.setKnobs). The choice stream restarts only for a new seed, and the kill timer
   * only when its period changed, so re-applying the same spec changes nothing.
   */
  reconfigure(spec: FaultSpec): void {
    const old = this.spec;
    this.spec = spec;
    const random = old?.seed === spec.seed ? undefined : seededRandom(spec.seed);
    this.toClient.setKnobs(spec.toClient, random);
    this.toAgent.setKnobs(spec.toAgent, random);
    if (old?.killSocketEveryMs !== spec.killSocketEveryMs) this.armKillTimer();
  }

  run(action: FaultAction): void {
    const ws = this.ws;
    switch (action.do) {
      case 'kill-socket':
        if (ws) this.kill(ws);
        return;
      case 'go-silent':
        if (ws) this.silence(ws);
        return;
      case 'pause-publication':
      case 'start-publication':
        this.sendBinary(publicationFrame(action.do === 'pause-publication' ? 'pause' : 'start'));
        return;
      case 'malformed': {
        const m = malformedFrame(action.variant);
        if (!m.text) this.sendBinary(m.bytes);
        else if (ws?.readyState === WebSocket.OPEN) {
          this.batch?.flush(); // after the binary messages already given, as ws would send it
          ws.send(Buffer.from(m.bytes).toString('utf8'), { binary: false });
        }
        return;
      }
      case 'channel-closed-112':
        this.closeHeaderLength = 112;
        this.agent.terminate(action.output);
        return;
      case 'expire-token':
        this.session.tokenExpiresAt = Date.now();
        return;
    }
  }

  // ---- internals ----

  private shapers(): [FrameShaper, FrameShaper] {
    const random = seededRandom(this.spec?.seed ?? 1);
    const toClient = new FrameShaper(this.spec?.toClient, random, (bytes) => this.sendBinary(bytes));
    const toAgent = new FrameShaper(this.spec?.toAgent, random, (bytes) => this.agent.receive(bytes));
    return [toClient, toAgent];
  }

  /** One binary message to the current websocket, if it is open. */
  private sendBinary(bytes: Uint8Array): void {
    if (this.ws?.readyState !== WebSocket.OPEN) return;
    if (this.batch) this.batch.send(bytes);
    else this.ws.send(bytes);
  }

  private sendToClient(bytes: Uint8Array): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.toClient.push(bytes, this.spec?.toClient ? classify(bytes) : UNSHAPED);
    return true;
  }

  /**
   * A frame the agent keeps as its header and lent payload (a port session's output): framed
   * from the two parts straight into the batch, with no joined copy, when nothing can shape it
   * (no knobs toward the client and nothing held that it must not overtake); joined otherwise.
   */
  private sendPartsToClient(head: Uint8Array, tail: Uint8Array): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    if (this.batch && !this.spec?.toClient && this.toClient.idle) {
      this.batch.sendParts(head, tail);
      return true;
    }
    const joined = new Uint8Array(head.length + tail.length);
    joined.set(head);
    joined.set(tail, head.length);
    return this.sendToClient(joined);
  }

  private detach(ws: WebSocket, superseded: boolean): void {
    this.ws = undefined;
    // What this socket was given goes out before its close frame.
    this.batch?.flush();
    this.batch = undefined;
    this.flow.socket(undefined, undefined);
    this.stats.attached = false;
    this.toClient.discard();
    this.toAgent.discard();
    this.killer.stop();
    this.agent.detach();
    if (superseded && ws.readyState === WebSocket.OPEN) ws.close(CloseCode.Superseded, 'replaced by a newer connection');
  }

  private kill(ws: WebSocket): void {
    this.stats.kills++;
    ws.terminate();
  }

  /**
   * The agent loses the client as on a disconnect (it holds its output for the next open), but
   * the socket stays up, unread and unanswered: the client must find out by itself.
   */
  private silence(ws: WebSocket): void {
    this.detach(ws, false);
    ws.pause();
    this.silenced.add(ws);
  }

  private endSilenced(): void {
    for (const ws of this.silenced) ws.terminate();
    this.silenced.clear();
  }

  private armKillTimer(): void {
    this.killer.arm(this.spec?.killSocketEveryMs, !!this.ws);
  }

  private finished(output: string): void {
    this.stats.finished = true;
    this.stats.closedOutput = output;
    this.clearTimers();
    this.onEnded();
    // Whatever happens below, the session ends for the API once the host would be forgotten.
    this.terminateTimer = setTimeout(() => this.endInRegistry(), GATEWAY.ENDED_HOST_TTL_MS).unref();
    if (this.ws) {
      // A client that came back during the agent's drain gets its own full window to ack the
      // resent tail; one attached throughout has had it, and is closed at once (§12.3).
      if (Date.now() - this.attachedAt < AGENT.CLOSE_DRAIN_MS) void this.closeAfterDrain();
      else this.closeNow();
      return;
    }
    // With the client away, keep the unacked tail for its return (attach): the session is
    // Terminating, so ResumeSession still hands it a token until then.
    if (this.session.state !== 'Terminated') this.session.state = 'Terminating';
  }

  /** The session is over for the API too: ResumeSession refuses it from now on. */
  private endInRegistry(): void {
    clearTimeout(this.terminateTimer);
    this.registry.terminate(this.session.sessionId, this.stats.closedOutput || 'Session ended.');
  }

  /**
   * A client came back to an ended session: resend the unacked tail (≤ 2 s), then close. If it
   * leaves again meanwhile, nothing is closed: its next return starts a new drain.
   */
  private async closeAfterDrain(): Promise<void> {
    const ws = this.ws;
    const deadline = Date.now() + AGENT.CLOSE_DRAIN_MS;
    while (!this.agentDisposed && this.ws === ws && this.agent.channel.unackedFrames > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, AGENT.DRAIN_POLL_MS));
    }
    if (this.ws !== ws || !ws) return;
    this.closeNow();
  }

  private closeNow(): void {
    this.sendChannelClosed();
    this.endInRegistry();
    // Only the closing message is left to give; stop the agent's timers and processes.
    this.agentDisposed = true;
    this.agent.dispose();
  }

  private sendChannelClosed(): void {
    const ws = this.ws;
    if (ws?.readyState !== WebSocket.OPEN) return;
    this.sendBinary(channelClosedFrame({ sessionId: this.session.sessionId, targetId: this.session.target, output: this.stats.closedOutput ?? '', headerLength: this.closeHeaderLength }));
    const batch = this.batch;
    setTimeout(() => {
      batch?.flush();
      ws.close(CloseCode.Normal, 'channel closed');
    }, GATEWAY.CLOSE_AFTER_CHANNEL_CLOSED_MS).unref();
  }

  private clearTimers(): void {
    this.killer.stop();
    this.flow.stop();
    clearTimeout(this.terminateTimer);
  }
}
