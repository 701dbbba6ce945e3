/**
 * One forward: a local listener that outlives its sessions, and the port session behind it.
 * Connections that arrive while a session is (re)starting wait for it; a session that ends
 * unexpectedly (AWS ended it: TerminateSession, the maximum session duration) is restarted with
 * backoff on the same port, and the connections open through it are reset, since their remote
 * end went with it; a websocket drop is resumed by the engine underneath, so open connections
 * survive it.
 */
import type net from 'node:net';
import { openPortSession, startSessionInput, targetId, type PortSession } from '../../ssm/port/index.js';
import type { DataChannel } from '../../ssm/datachannel/index.js';
import type { BackoffSchedule } from '../../ssm/connection/constants.js';
import { RestartBackoff, type RestartSchedule } from './backoff.js';
import { FORWARDS } from './constants.js';
import { ForwardError, localBindProblemOf } from './errors.js';
import { bindListener, closeListener } from './listener.js';
import { RateMeter } from './rates.js';
import { sessionEndedText, type LocalBindProblem } from '../../../shared/messages/forwards.js';
import type { ConnectionError, ForwardSpec, ForwardState, ForwardStatus, GaveUp, RestartPolicy, RestartVerdict, Retarget, StartPortSession, StartedSession, TargetGone } from './types.js';

export interface ForwardDeps {
  startSession: StartPortSession;
  onChange(): void;
  restartSchedule?: RestartSchedule;
  /** Which failed starts auto-restart retries, for how long, or gives up on; default, all, forever. */
  restartPolicy?: RestartPolicy;
  /** The engine's reconnect schedule (tests shorten it). */
  reconnectBackoff?: BackoffSchedule;
  /** Another of the manager's forwards listening on this address and port, told in words (its refusal names it); undefined when none is. */
  heldBy?(address: string, port: number): string | undefined;
  /** Names the task each session of a following forward (spec.follow) starts on. */
  retarget?: Retarget;
}

export class Forward {
  private state: ForwardState = 'stopped';
  private server: net.Server | undefined;
  private boundPort: number | undefined;
  private session: PortSession | undefined;
  private dataChannel: DataChannel | undefined;
  private started: StartedSession | undefined;
  /** Connections waiting for a session, each with the timer that gives up on it. */
  private readonly pending = new Map<net.Socket, NodeJS.Timeout>();
  private readonly backoff: RestartBackoff;
  private restartTimer: NodeJS.Timeout | undefined;
  private sessionStartedAt = 0;
  private running = false;
  /** Bumped by start/stop: a session that finishes opening for an older run is dropped. */
  private generation = 0;
  private restarts = 0;
  private lastError: string | undefined;
  /** The next step the failed call itself advised (an AwsError's, fitted to the target's kind). */
  private lastErrorNextStep: string | undefined;
  /** Why the listener could not bind (this computer's problem, not the target's), when that is what failed. */
  private lastBindProblem: LocalBindProblem | undefined;
  /** That problem is a port another of the manager's forwards holds (its row advises stopping or changing that forward). */
  private lastBindHeldByForward = false;
  /** Local connections the target refused or could not reach, while the forward itself kept listening. */
  private connectionErrors = 0;
  private lastConnectionError: ConnectionError | undefined;
  /** Auto-restart stopped trying, and why (the forward is failed until started again). */
  private gaveUp: GaveUp | undefined;
  /** What the session start of this run waits on (the profile's credential_process), in words; undefined when it does not. */
  private helperWait: string | undefined;
  /** The next retarget must not rely on an earlier answer: the forward (re)started or its session ended since. */
  private retargetFresh = true;
  /** When the run of start failures that may heal began (reset by a session that opens, or another kind of failure). */
  private mayHealSince: number | undefined;
  private banked = { toRemote: 0, fromRemote: 0 };
  private readonly rateTo = new RateMeter();
  private readonly rateFrom = new RateMeter();

  constructor(
    readonly id: string,
    private currentSpec: ForwardSpec,
    private readonly deps: ForwardDeps,
  ) {
    this.backoff = new RestartBackoff(deps.restartSchedule);
  }

  get spec(): ForwardSpec {
    return this.currentSpec;
  }

  /** Whether its listener is bound now (a session may still be starting). */
  get listening(): boolean {
    return this.server !== undefined;
  }

  /**
   * New settings for its next start; only while it is not running (stop it first). A forward that
   * now asks for another local port or address forgets the port it had, so it shows the new one;
   * one staying on an automatic port on the same address keeps it, so clients need no change,
   * unless that port was taken (its last start failed on it).
   */
  reconfigure(spec: ForwardSpec): void {
    if (this.running) throw new Error('A running forward cannot be reconfigured: stop it first.');
    const samePlace = (spec.localAddress ?? FORWARDS.DEFAULT_LOCAL_ADDRESS) === this.localAddress && (spec.localPort ?? 0) === (this.spec.localPort ?? 0);
    // Its kept port could not be listened on: new settings asking for an automatic port get a free one.
    if (!samePlace || this.lastBindProblem !== undefined) this.boundPort = undefined;
    this.currentSpec = spec;
    this.deps.onChange();
  }

  get localAddress(): string {
    return this.spec.localAddress ?? FORWARDS.DEFAULT_LOCAL_ADDRESS;
  }

  /** Binds the listener (typed ForwardError when that fails) and starts the first session. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.generation++;
    this.lastError = undefined;
    this.lastErrorNextStep = undefined;
    this.lastBindProblem = undefined;
    this.lastBindHeldByForward = false;
    this.connectionErrors = 0;
    this.lastConnectionError = undefined;
    this.gaveUp = undefined;
    this.mayHealSince = undefined;
    this.retargetFresh = true;
    this.setState('starting');
    const onConnection = (socket: net.Socket) => this.onConnection(socket);
    // A restarted automatic-port forward keeps the port it had, as a fixed one does: clients set up
    // for it need no change. Taken meanwhile, it fails saying so (never moves quietly elsewhere, where
    // a client would reach nothing, or another program); Edit… with an empty port picks a new one.
    const port = this.spec.localPort || this.boundPort || 0;
    try {
      this.server = await bindListener(this.localAddress, port, onConnection);
    } catch (caught) {
      const held = localBindProblemOf(caught) === 'port-in-use' ? this.deps.heldBy?.(this.localAddress, port) : undefined;
      const error = held === undefined ? caught : new ForwardError('port-in-use', held);
      this.running = false;
      this.lastError = error instanceof Error ? error.message : String(error);
      this.lastBindProblem = localBindProblemOf(error);
      this.lastBindHeldByForward = held !== undefined;
      this.setState('failed');
      throw error;
    }
    this.boundPort = (this.server.address() as net.AddressInfo).port;
    void this.runSession();
  }

  /** Frees the port, sends TerminateSession and closes every connection. */
  async stop(state: ForwardState = 'stopped'): Promise<void> {
    this.running = false;
    this.generation++;
    this.helperWait = undefined;
    clearTimeout(this.restartTimer);
    const server = this.server;
    this.server = undefined;
    for (const [socket, timer] of this.pending) {
      clearTimeout(timer);
      socket.destroy();
    }
    this.pending.clear();
    const session = this.session;
    const started = this.started;
    await Promise.all([server ? closeListener(server) : undefined, session?.close('the forward was stopped')]);
    if (session && started?.terminateSession) await started.terminateSession(session.sessionId).catch(() => undefined);
    this.setState(state);
  }

  status(): ForwardStatus {
    const live = this.session?.totals ?? { toRemote: 0, fromRemote: 0 };
    return {
      id: this.id,
      name: this.spec.name ?? `${targetId(this.spec.target)}:${this.spec.remotePort}`,
      spec: this.spec,
      state: this.state,
      localAddress: this.localAddress,
      localPort: this.boundPort ?? this.spec.localPort,
      target: targetId(this.spec.target),
      remoteHost: this.spec.remoteHost,
      remotePort: this.spec.remotePort,
      sessionId: this.session?.sessionId,
      mode: this.session?.mode,
      connections: this.session?.connections ?? [],
      bytesToRemote: this.banked.toRemote + live.toRemote,
      bytesFromRemote: this.banked.fromRemote + live.fromRemote,
      bytesPerSecondToRemote: this.rateTo.perSecond,
      bytesPerSecondFromRemote: this.rateFrom.perSecond,
      restarts: this.restarts,
      lastError: this.lastError,
      lastErrorNextStep: this.lastErrorNextStep,
      lastBindProblem: this.lastBindProblem,
      lastBindHeldByForward: this.lastBindHeldByForward,
      connectionErrors: this.connectionErrors,
      lastConnectionError: this.lastConnectionError,
      gaveUp: this.gaveUp,
      ...(this.helperWait === undefined ? {} : { helperWait: this.helperWait }),
    };
  }

  /** Called by the manager once per rate window. */
  sampleRates(): void {
    const s = this.status();
    this.rateTo.sample(s.bytesToRemote);
    this.rateFrom.sample(s.bytesFromRemote);
  }

  /** Test and diagnostics hook: the live data channel (e.g. to drop its websocket). */
  currentDataChannelOf(): DataChannel | undefined {
    return this.dataChannel;
  }

  private async runSession(): Promise<void> {
    if (!this.running) return;
    const generation = this.generation;
    let opened: { session: PortSession; dataChannel: DataChannel };
    let started: StartedSession | undefined;
    // Retarget answered: a start that fails from here failed on the task it picked, so the next
    // retarget needs news (a listing from before may still show that task ready).
    let retargeted = false;
    // While the start waits on a credential_process the row says so; a stopped or newer run is not told.
    const waiting = (words: string | null): void => {
      if (generation !== this.generation) return;
      this.helperWait = words ?? undefined;
      this.deps.onChange();
    };
    try {
      try {
        // A forward following its service starts on the task that is there now, not the one it last had.
        if (this.spec.follow !== undefined && this.deps.retarget !== undefined) {
          const fresh = this.retargetFresh;
          this.retargetFresh = false;
          const target = await this.deps.retarget(this.id, this.spec, waiting, fresh);
          if (generation !== this.generation) return;
          retargeted = true;
          this.currentSpec = { ...this.currentSpec, target };
        }
        started = await this.deps.startSession(startSessionInput(this.spec), this.spec, waiting);
      } finally {
        if (generation === this.generation && this.helperWait !== undefined) waiting(null);
      }
      if (generation === this.generation) this.started = started;
      opened = await openPortSession({
        credentials: started.credentials,
        target: targetId(this.spec.target),
        ...(started.resumeSession ? { resumeSession: started.resumeSession } : {}),
        ...(this.deps.reconnectBackoff ? { backoff: this.deps.reconnectBackoff } : {}),
      });
    } catch (error) {
      // StartSession succeeded but the channel never opened: end that session in AWS, or every restart leaks one.
      if (started) this.terminate(started, started.credentials.sessionId);
      if (generation !== this.generation) return;
      if (retargeted) this.retargetFresh = true;
      this.lastError = error instanceof Error ? error.message : String(error);
      this.lastErrorNextStep = nextStepOf(error);
      if (!this.restartsByItself) return this.scheduleRestart(0);
      const verdict = await this.verdictOn(error);
      // Stopped or started again while the policy asked AWS: that run decides, not this one
      // (nothing of this verdict may touch the new run's row).
      if (generation !== this.generation) return;
      const gaveUp = this.judge(verdict);
      if (gaveUp !== undefined) {
        this.gaveUp = gaveUp;
        return void this.stop('failed');
      }
      return this.scheduleRestart(0);
    }
    const { session, dataChannel } = opened;
    if (generation !== this.generation) {
      void session.close('the forward was stopped');
      return this.terminate(started, session.sessionId);
    }
    this.session = session;
    this.dataChannel = dataChannel;
    this.sessionStartedAt = Date.now();
    this.mayHealSince = undefined;
    dataChannel.on('status', (status) => {
      if (this.session !== session) return;
      if (status === 'reconnecting') this.setState('reconnecting');
      if (status === 'connected') this.setState('active');
    });
    session.on('connectionClosed', (_info, reason) => {
      // One connection failed, not the forward: counted apart from the session's own errors.
      if (reason) {
        this.connectionErrors++;
        this.lastConnectionError = { reason, at: Date.now() };
      }
      this.deps.onChange();
    });
    session.on('ended', (end) => this.sessionEnded(session, end));
    session.on('unserved', (sockets) => sockets.forEach((socket) => this.onConnection(socket)));
    this.setState('active');
    for (const [socket, timer] of this.pending) {
      clearTimeout(timer);
      session.attach(socket);
    }
    this.pending.clear();
  }

  private sessionEnded(session: PortSession, end: { expected: boolean; reason: string }): void {
    if (this.session !== session) return;
    const totals = session.totals;
    this.banked.toRemote += totals.toRemote;
    this.banked.fromRemote += totals.fromRemote;
    this.session = undefined;
    this.dataChannel = undefined;
    if (!this.running) return;
    // The SSH document's session serves one connection and then ends by design (§8.1).
    if (end.expected && session.mode === 'stream') return void this.runSession();
    this.lastError = sessionEndedText(end.reason);
    this.lastErrorNextStep = undefined;
    this.retargetFresh = true;
    this.scheduleRestart(Date.now() - this.sessionStartedAt);
  }

  private scheduleRestart(livedMs: number): void {
    if (!this.running) return;
    if (!this.restartsByItself) {
      void this.stop('failed');
      return;
    }
    this.setState('restarting');
    this.restarts++;
    this.restartTimer = setTimeout(() => void this.runSession(), this.backoff.next(livedMs));
  }

  /**
   * Whether a dropped session or a failed start is retried by itself: auto-restart on, or the
   * forward follows its service (following means going on to the task that replaced the old one).
   */
  private get restartsByItself(): boolean {
    return this.spec.follow !== undefined || this.spec.autoRestart !== false;
  }

  /** Applies the restart policy's verdict on this run's failed start: whether auto-restart gives up (and why). */
  private judge(verdict: RestartVerdict | TargetGone): GaveUp | undefined {
    if (typeof verdict === 'object') {
      this.mayHealSince = undefined;
      this.lastError = verdict.reason;
      this.lastErrorNextStep = undefined;
      return 'target-gone';
    }
    if (verdict === 'give-up') return 'cannot-heal';
    if (verdict === 'retry') {
      this.mayHealSince = undefined;
      return undefined;
    }
    const now = Date.now();
    this.mayHealSince ??= now;
    const allowed = this.deps.restartSchedule?.mayHealGiveUpMs ?? FORWARDS.RESTART_MAY_HEAL_GIVE_UP_MS;
    return now - this.mayHealSince >= allowed ? 'did-not-heal' : undefined;
  }

  /** The policy's verdict, with no effect on the forward; a policy that throws (or rejects) leaves auto-restart retrying. */
  private async verdictOn(error: unknown): Promise<RestartVerdict | TargetGone> {
    try {
      return (await this.deps.restartPolicy?.(error, this.spec)) ?? 'retry';
    } catch {
      return 'retry';
    }
  }

  /** Best-effort TerminateSession; a failure here must not disturb the forward. */
  private terminate(started: StartedSession, sessionId: string): void {
    void started.terminateSession?.(sessionId).catch(() => undefined);
  }

  private onConnection(socket: net.Socket): void {
    if (this.session && !this.session.ended) return this.session.attach(socket);
    this.pending.set(socket, setTimeout(() => socket.destroy(), FORWARDS.PENDING_CONNECTION_TIMEOUT_MS));
    socket.once('close', () => {
      clearTimeout(this.pending.get(socket));
      this.pending.delete(socket);
    });
    socket.on('error', () => socket.destroy());
  }

  private setState(state: ForwardState): void {
    this.state = state;
    this.deps.onChange();
  }
}

/** The advice an error carries (AwsError's nextStep), if any. */
function nextStepOf(error: unknown): string | undefined {
  const step = typeof error === 'object' && error !== null ? (error as { nextStep?: unknown }).nextStep : undefined;
  return typeof step === 'string' && step.length > 0 ? step : undefined;
}

export { ForwardError };
