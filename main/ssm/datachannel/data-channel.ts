// The client data channel (protocol §3–§6, §9): one session's websocket, reliability layer,
// handshake/encryption and resume, with a pluggable session handler (shell or port). Beside it:
// dialling with retries (dial.ts), the handshake (handshake-driver.ts), the channel_closed
// reason (channel-closed.ts).
import { randomUUID } from 'node:crypto';
import { counted } from '../../../shared/format/words.js';
import { ChannelFullError, CLIENT_POLICY, ReliableChannel, type Delivery } from '../channel/index.js';
import { Backoff, Connection, type BackoffSchedule } from '../connection/constants.js';
import { DataSocket } from '../connection/socket.js';
import { ResumeRefused } from '../connection/session-gone.js';
import { MessageType, type ClientMessage } from '../frame/index.js';
import { PORTHOLE_CLIENT_VERSION } from '../version.js';
import { Emitter } from '../util/emitter.js';
import { channelClosedReason } from './channel-closed.js';
import { dial, wasStable } from './dial.js';
import { HandshakeDriver } from './handshake-driver.js';
import { InputWatch } from './input-watch.js';
import { textTapEvent } from './text-tap.js';
import type { ChannelStatus, CloseReason, DataChannelEvents, DataChannelOptions, SessionHandler, SessionInfo } from './types.js';

/** Opt in to the KMS challenge binding unless told otherwise (see handshake/process.ts). */
const DEFAULT_CHALLENGE_ACK = true;

export class DataChannel extends Emitter<DataChannelEvents> {
  readonly clientId: string;
  readonly clientVersion: string;
  private readonly channel: ReliableChannel;
  private readonly handshake: HandshakeDriver;
  private readonly backoff: BackoffSchedule;
  private token: string;
  private socket: DataSocket | undefined;
  private handler: SessionHandler | undefined;
  private readonly queued: Array<{ payloadType: number; payload: Uint8Array }> = [];
  /** Payload bytes in `queued`. */
  private queuedBytes = 0;
  private currentStatus: ChannelStatus = 'connecting';
  private readingPaused = false;
  private generation = 0;
  /** Consecutive connections that died at once without traffic (see dial.ts STABLE_CONNECTION_MS). */
  private failedStreak = 0;
  private socketOpenedAt = 0;
  private socketHadTraffic = false;
  /** Tells when input goes unanswered while connected (input-watch.ts): the `inputWait` event. */
  private readonly inputWatch: InputWatch;

  constructor(private readonly options: DataChannelOptions) {
    super();
    this.clientId = options.clientId ?? randomUUID();
    this.clientVersion = options.clientVersion ?? PORTHOLE_CLIENT_VERSION;
    this.token = options.credentials.tokenValue;
    this.backoff = options.backoff ?? Backoff;
    this.channel = new ReliableChannel({
      policy: CLIENT_POLICY,
      lendPayloads: options.lendPayloads ?? false,
      lendOutgoing: options.lendOutgoing ?? false,
      hooks: {
        deliver: (frame) => this.deliver(frame),
        control: (frame) => this.control(frame),
        malformed: (error) => this.emit('malformed', error),
        drain: () => this.flush(),
        acked: () => {
          this.inputWatch.acked();
          this.emit('acked');
        },
        ...(options.tap ? { tap: options.tap } : {}),
      },
    });
    this.handshake = new HandshakeDriver(
      {
        clientVersion: this.clientVersion,
        sessionId: options.credentials.sessionId,
        target: options.target,
        dataKeys: options.dataKeys,
        challengeAcknowledgement: options.challengeAcknowledgement ?? DEFAULT_CHALLENGE_ACK,
      },
      {
        // The KMS call may finish after the channel closed: nothing to send then.
        sendNow: (pt, payload) => void (this.currentStatus !== 'closed' && this.channel.send(pt, payload)),
        // Flush after the current frame is acked, so the ack precedes our first data (as the plugin).
        ready: (info) => { this.emit('ready', info); queueMicrotask(() => this.flush()); },
        fail: (message) => this.close({ kind: 'failed', cause: 'handshake', message }),
        warn: (message) => this.emit('warning', message),
      },
    );
    this.inputWatch = new InputWatch(
      {
        // Sent and unacknowledged (the outgoing buffer): input still queued here before the handshake is not the gateway's to answer yet.
        pending: () => this.channel.unackedFrames > 0,
        // Judged only for someone who listens (a shell; a forward's channel has no one to tell).
        judging: () => this.currentStatus === 'connected' && !this.readingPaused && this.listenerCount('inputWait') > 0,
        report: (waitingMs) => this.emit('inputWait', waitingMs),
      },
    );
  }

  get status(): ChannelStatus {
    return this.currentStatus;
  }

  get sessionId(): string {
    return this.options.credentials.sessionId;
  }

  /** Known once `ready` fired. */
  get sessionInfo(): SessionInfo | undefined {
    return this.handshake.sessionInfo;
  }

  get stats(): ReliableChannel['stats'] {
    return this.channel.stats;
  }

  /** Input accepted but not yet acknowledged or not yet sent (queued before ready / when full). */
  get pendingInput(): number {
    return this.queued.length + this.channel.unackedFrames;
  }

  /** Payload bytes of that input: queued here plus sent and unacknowledged (as sent, i.e. after encryption). */
  get pendingInputBytes(): number {
    return this.queuedBytes + this.channel.unackedPayloadBytes;
  }

  /**
   * Input queued here plus every payload byte sent from the oldest unacknowledged frame on
   * (ReliableChannel.unackedSpanPayloadBytes): what the agent may have to hold for this session.
   * Equals pendingInputBytes while acks arrive in order.
   */
  get inputAheadBytes(): number {
    return this.queuedBytes + this.channel.unackedSpanPayloadBytes;
  }

  /** Register the session handler. Until then agent data waits unacked ('not ready'). */
  setHandler(handler: SessionHandler): void {
    this.handler = handler;
    this.channel.retryDelivery();
  }

  /** A handler that answered 'not-ready' can take data now: deliver what is waiting. */
  retryDelivery(): void {
    this.channel.retryDelivery();
  }

  /**
   * Dial and send OpenDataChannel, retrying the same URL and token with backoff (§9). Never
   * rejects: it resolves once connected, or after the channel closed with a 'failed' reason.
   */
  async open(): Promise<void> {
    this.setStatus('connecting', 'opening the data channel');
    await this.connect(false);
  }

  /**
   * Queue one client stream message. It is sent once the session is ready (handshake done or
   * first output seen), in order, encrypted when PT 1 on a KMS session. Never lost on a dead
   * socket: it waits in the outgoing buffer until acked.
   */
  send(payloadType: number, payload: Uint8Array): void {
    if (this.currentStatus === 'closed') return;
    // Nothing waiting ahead of it: straight to the reliability layer, without a queue entry (an
    // object per payload, and a forward sends one per 1 KB). Queued only when it cannot go now.
    if (this.queued.length === 0) {
      try {
        if (this.sendNow(payloadType, payload)) return;
      } catch (error) {
        // As before the fast path: an input whose send failed stays queued for the next flush.
        this.enqueue(payloadType, payload);
        throw error;
      }
    }
    this.enqueue(payloadType, payload);
    this.flush();
  }

  private enqueue(payloadType: number, payload: Uint8Array): void {
    this.queued.push({ payloadType, payload });
    this.queuedBytes += payload.length;
  }

  /** Hands one input to the reliability layer when the session is ready and has room; false when it must wait. */
  private sendNow(payloadType: number, payload: Uint8Array): boolean {
    if (!this.handshake.sessionInfo || this.currentStatus === 'closed' || !this.channel.writable) return false;
    try {
      this.channel.send(payloadType, this.handshake.encrypt(payloadType, payload));
    } catch (error) {
      if (error instanceof ChannelFullError) return false; // resumed by the drain hook
      throw error;
    }
    return true;
  }

  /** Stop reading the websocket (renderer flow control); acks for accepted frames still go out. */
  pauseReading(): void {
    this.readingPaused = true;
    this.inputWatch.reset();
    this.socket?.pauseReading();
  }

  resumeReading(): void {
    this.readingPaused = false;
    this.socket?.resumeReading();
  }

  /** Simulate a network failure (tests, diagnostics): the socket dies and resume takes over. */
  dropConnection(): void {
    this.socket?.kill();
  }

  /** End the channel locally. Idempotent. */
  close(reason: CloseReason = { kind: 'local', message: 'closed by the user' }): void {
    if (this.currentStatus === 'closed') return;
    this.generation++;
    this.socket?.close();
    this.socket = undefined;
    this.channel.close();
    this.queued.length = 0;
    this.queuedBytes = 0;
    this.setStatus('closed', reason.message);
    this.emit('closed', reason);
    this.removeAllListeners();
  }

  private async connect(resuming: boolean, firstAttempt = 1, previousError = 'no attempt made'): Promise<void> {
    const generation = ++this.generation;
    const attempt = async (budgetMs: number): Promise<void> => {
      if (resuming && this.options.resumeSession) {
        let token: string | undefined;
        try {
          token = await this.options.resumeSession(this.sessionId);
        } catch (error) {
          // Refused for good (e.g. no ssm:ResumeSession permission): another attempt cannot help.
          if (error instanceof ResumeRefused && generation === this.generation) return this.close({ kind: 'failed', cause: 'resume-refused', message: error.message });
          throw error;
        }
        if (generation !== this.generation) return;
        if (!token) return this.close({ kind: 'failed', cause: 'session-ended', message: `Session ${this.sessionId} has ended in AWS (terminated, or timed out) while Porthole was reconnecting: ResumeSession gave no token.` });
        this.token = token;
      }
      const socket = await DataSocket.open(
        {
          streamUrl: this.options.credentials.streamUrl,
          tokenValue: this.token,
          clientId: this.clientId,
          clientVersion: this.clientVersion,
          dialTimeoutMs: Math.min(Connection.DIAL_TIMEOUT_MS, Math.max(1, Math.round(budgetMs))),
          ...(this.options.livenessTimer ? { livenessTimer: this.options.livenessTimer } : {}),
        },
        {
          message: (bytes) => this.onMessage(bytes),
          closed: (code, reason) => this.onSocketClosed(socket, code, reason),
          // The input watch ticks with this connection's liveness check: one timer per connection, none between them.
          tick: () => {
            if (socket === this.socket) this.inputWatch.tick();
          },
        },
        (json) => this.tapText(json),
      );
      if (generation !== this.generation) return socket.close();
      this.socket = socket;
      this.socketOpenedAt = performance.now();
      this.socketHadTraffic = false;
      if (this.readingPaused) socket.pauseReading();
      this.channel.attach(socket);
      this.setStatus('connected', resuming ? 'resumed' : 'open');
      this.flush();
    };
    const failed = (lastError: string, attempts: number): void =>
      this.close({ kind: 'failed', cause: 'unreachable', message: `${resuming ? 'could not resume the session' : 'could not open the data channel'} after ${counted(attempts, 'attempt')}: ${lastError}` });
    await dial({ current: () => generation === this.generation, attempt, failed }, this.backoff, firstAttempt, previousError, this.options.dialDeadlineMs);
  }

  private onMessage(bytes: Uint8Array): void {
    this.socketHadTraffic = true;
    this.channel.receive(bytes);
  }

  private onSocketClosed(socket: DataSocket, code: number, reason: string): void {
    if (socket !== this.socket || this.currentStatus === 'closed') return;
    this.socket = undefined;
    this.channel.detach();
    const stable = wasStable(this.socketHadTraffic, this.socketOpenedAt, performance.now());
    this.failedStreak = stable ? 0 : this.failedStreak + 1;
    const why = `the connection closed (${code}${reason ? ` ${reason}` : ''})`;
    if (this.failedStreak >= this.backoff.MAX_ATTEMPTS) {
      this.close({ kind: 'failed', cause: 'unreachable', message: `could not resume the session after ${this.failedStreak} attempts: ${why}` });
      return;
    }
    this.setStatus('reconnecting', why);
    void this.connect(true, this.failedStreak + 1, why);
  }

  private deliver(frame: ClientMessage): Delivery {
    try {
      const verdict = this.handshake.offer(frame.payloadType, frame.payload);
      if (verdict !== 'data') return verdict;
      if (!this.handler) return 'not-ready';
      return this.handler.deliver(frame.payloadType, this.handshake.decrypt(frame.payloadType, frame.payload));
    } catch (error) {
      // A frame we cannot process would be resent forever; the session cannot continue.
      const text = error instanceof Error ? error.message : String(error);
      this.close({ kind: 'failed', cause: 'protocol', message: `cannot process agent message seq ${frame.sequenceNumber} (PT ${frame.payloadType}): ${text}` });
      return 'accepted';
    }
  }

  private control(frame: ClientMessage): void {
    if (frame.messageType !== MessageType.ChannelClosed) return;
    this.close(channelClosedReason(frame.payload, this.sessionId, this.channel.incomingGap));
  }

  /** Move queued input into the reliability layer once ready, as far as it has room. */
  private flush(): void {
    while (this.queued.length > 0) {
      const next = this.queued[0];
      if (!next || !this.sendNow(next.payloadType, next.payload)) return;
      this.queued.shift();
      this.queuedBytes -= next.payload.length;
    }
  }

  private tapText(json: string): void {
    if (this.options.tap) this.options.tap(textTapEvent(json));
  }

  private setStatus(status: ChannelStatus, detail: string): void {
    this.currentStatus = status;
    // Leaving the connection (resume starts): a shown wait is cleared before the status that takes over from it.
    if (status !== 'connected') this.inputWatch.reset();
    this.emit('status', status, detail);
  }
}
