// One shell tab's session: launches it, runs the engine's ShellSession, tells its status, and
// wires its output to the data plane toward the owner window (shell-output.ts: coalesced, flushed
// on input, paused by flow control) and to its recording (shell-recorder.ts). Restart swaps the
// engine session underneath and keeps the id, sink and batcher. The owner window may go away and
// another take over: detach() keeps the session running with its output going only to the
// bounded scrollback; attach() replays that to the new owner, then goes live.
import { InputRefusedError, type SessionInfo, type SessionStatus, type SessionTaskEnd, type ShellTarget } from '../../../shared/contract/index.js';
import { ShellSession } from '../../ssm/shell/shell-session.js';
import { SHELLS } from './constants.js';
import { castFileName, RecordingUnavailableError } from './recording.js';
import { ShellOutput } from './shell-output.js';
import { ShellRecorder } from './shell-recorder.js';
import { closedStatus, launchFailedStatus, liveStatus, stoppedStatus } from './status.js';
import type { LaunchedShell, ShellManagerOptions, ShellSink } from './types.js';

/** A launching session's words (the renderer's new tab says the same until main tells it more). */
const STARTING = 'Starting the session';

export interface ManagedShellInit {
  readonly id: string;
  readonly target: ShellTarget;
  readonly cols: number;
  readonly rows: number;
  readonly title: string;
  readonly sink: ShellSink;
}

export class ManagedShell {
  readonly id: string;
  readonly target: ShellTarget;
  readonly openedAt = Date.now();
  title: string;
  #status: SessionStatus = { state: 'connecting', reason: STARTING };
  #size: { cols: number; rows: number };
  #engine: ShellSession | undefined;
  #launched: LaunchedShell | undefined;
  /** Bumped on every (re)start so a late launch or event of an old engine is ignored. */
  #generation = 0;
  #disposed = false;
  /** What ECS said of the task of this generation's ended session (taskEnded), shown while it is closed. */
  #taskEnd: SessionTaskEnd | null = null;
  /**
   * Input typed while a (re)start launches the session, before its engine exists: the window takes
   * input from the moment Reopen is pressed (its banner says "connecting"), so it is held here and
   * written to the new engine first, once (null: no start is on its way, and input has nowhere to go).
   */
  #launchInput: Uint8Array[] | null = null;
  #launchInputBytes = 0;
  /**
   * Input was refused past the bound during this launch: so is everything after it until the engine
   * exists, so the rest of a paste sent in several messages never reaches the shell without its start.
   */
  #launchInputRefused = false;
  /**
   * This generation's engine has been connected. Until then its remote has only the launch size,
   * so a size given since goes ahead of input (input()); after, sizes are held while not connected.
   */
  #connectedOnce = false;
  /** Nothing is sent before the first launch succeeded: a failed open is told by its error alone. */
  #announced = false;
  readonly #output: ShellOutput;
  readonly #recorder: ShellRecorder;

  constructor(init: ManagedShellInit, private readonly options: ShellManagerOptions) {
    this.id = init.id;
    this.target = init.target;
    this.title = init.title;
    this.#size = { cols: init.cols, rows: init.rows };
    this.#output = new ShellOutput(
      init.sink,
      { pause: () => this.#engine?.pause(), held: () => this.#recorder.holding, resume: () => this.#engine?.resume() },
      options.batching,
      options.flow,
    );
    this.#recorder = new ShellRecorder(init.id, {
      title: () => this.title,
      size: () => this.#size,
      disposed: () => this.#disposed,
      changed: () => this.#output.sink?.info?.(this.info()),
      started: (path) => this.options.recorded?.(path),
      engine: () => this.#engine,
      flowPaused: () => this.#output.paused,
    });
  }

  get status(): SessionStatus {
    return this.#status;
  }

  /** Bytes sent to the renderer and not yet acknowledged by it (flow control). */
  get unackedBytes(): number {
    return this.#output.unacked;
  }

  get readingPaused(): boolean {
    return this.#output.paused;
  }

  /** The terminal size last applied (restored in a window that takes the session over). */
  get size(): { readonly cols: number; readonly rows: number } {
    return this.#size;
  }

  /** Whether the first launch succeeded (before that the session is its opener's alone). */
  get launched(): boolean {
    return this.#announced;
  }

  /** Whether a window has the session now. */
  get attached(): boolean {
    return this.#output.sink !== null;
  }

  /** Output retained for a window that takes the session over (bytes). */
  get scrollbackBytes(): number {
    return this.#output.scrollbackBytes;
  }

  /** The engine's session id (the AWS SessionId), once launched. */
  get awsSessionId(): string | undefined {
    return this.#engine?.sessionId;
  }

  info(): SessionInfo {
    const info: SessionInfo = { id: this.id, title: this.title, target: this.target, status: this.#status, openedAt: this.openedAt };
    if (this.#taskEnd !== null && this.#status.state === 'closed') info.taskEnd = this.#taskEnd;
    this.#recorder.describe(info);
    return info;
  }

  /** Launches the session (ExecuteCommand / StartSession) and starts the engine. Throws when the launch fails. */
  async start(): Promise<void> {
    const generation = ++this.#generation;
    this.#launchInput ??= [];
    this.#taskEnd = null;
    this.#setStatus({ state: 'connecting', reason: STARTING });
    // The file first: a recording that cannot be opened is told before any AWS session exists.
    if (this.options.recordDir !== undefined) {
      const dir = this.options.recordDir;
      await this.#recorder.start(dir, (at) => `${this.id}-${at}.cast`, () => generation === this.#generation).catch((err: unknown) => {
        this.#recorder.failedToStart(dir, err);
        this.#output.sink?.info?.(this.info());
      });
      if (generation !== this.#generation || this.#disposed) return; // stopped while the file was opening: nothing was launched
    }
    let launched: LaunchedShell;
    // While the launch waits on a credential_process, the tab says so; once it answered, the usual words.
    const waiting = (words: string | null): void => {
      if (generation === this.#generation && !this.#disposed && this.#engine === undefined) this.#setStatus({ state: 'connecting', reason: words ?? STARTING });
    };
    try {
      launched = await this.options.launch(this.target, waiting);
    } catch (err) {
      if (generation === this.#generation) void this.#recorder.stop();
      // The session never started: what was typed for it goes with it (the tab says the launch failed).
      if (generation === this.#generation) this.#dropLaunchInput();
      if (generation === this.#generation && !this.#disposed) {
        this.#setStatus(launchFailedStatus(err instanceof Error ? err.message : String(err)));
        this.options.ended?.(this.target, (end) => this.#taskEnded(generation, end));
      }
      throw err;
    }
    if (generation !== this.#generation || this.#disposed) {
      void launched.terminateSession?.(launched.credentials.sessionId).catch(() => undefined); // closed while launching
      return;
    }
    this.#announced = true;
    const frames = this.options.frames;
    const engine = new ShellSession({
      credentials: launched.credentials,
      target: launched.target,
      size: this.#size,
      ...(launched.resumeSession ? { resumeSession: launched.resumeSession } : {}),
      ...(launched.terminateSession ? { terminateSession: launched.terminateSession } : {}),
      ...(launched.dataKeys ? { dataKeys: launched.dataKeys } : {}),
      ...(this.options.reconnectBackoff ? { backoff: this.options.reconnectBackoff } : {}),
      ...(frames ? { tap: (event) => {
        if (frames.watching(this.id)) frames.publish(this.id, event);
      } } : {}),
    });
    this.#engine = engine;
    this.#launched = launched;
    this.#output.reset();
    engine.on('output', (bytes) => {
      if (generation !== this.#generation) return;
      this.#recorder.output(bytes);
      this.#output.push(bytes);
    });
    this.#connectedOnce = false;
    engine.on('status', (status, detail) => {
      if (generation !== this.#generation || status === 'closed') return;
      if (status === 'connected') this.#connectedOnce = true;
      this.#setStatus(liveStatus(status, detail));
    });
    engine.on('inputWait', (waitingMs) => {
      if (generation === this.#generation && !this.#disposed) this.#output.sink?.inputWait?.(waitingMs);
    });
    engine.on('closed', (reason) => {
      if (generation !== this.#generation) return;
      this.#output.finish(); // the last output comes before `closed`
      void this.#recorder.stop();
      this.#setStatus(closedStatus(reason, engine.exitCode));
      this.options.ended?.(this.target, (end) => this.#taskEnded(generation, end));
    });
    // Typed while it launched: first, in order (the engine holds input until its channel is ready).
    for (const bytes of this.#launchInput ?? []) engine.write(bytes);
    this.#dropLaunchInput();
    void engine.open();
  }

  input(bytes: Uint8Array): void {
    const engine = this.#engine;
    if (engine === undefined) return this.#holdLaunchInput(bytes);
    if (engine.status === 'closed') throw new InputRefusedError('closed', `Input refused: ${bytes.byteLength} bytes for a session that is closed.`, 'Reopen the session, then send it again.');
    // Typed while a fresh session connects: the window's size goes first (queued with it, in order),
    // or the input would run at the launch size (80×24 for a first tab). The engine skips a size it sent.
    if (!this.#connectedOnce) engine.resize(this.#size.cols, this.#size.rows);
    engine.write(bytes);
    this.#output.inputSent();
  }

  /**
   * Keeps input for the engine a start is launching. Throws (the window is told, in the tab) when no
   * start is on its way, and past the bound, and for everything after that until the engine exists.
   */
  #holdLaunchInput(bytes: Uint8Array): void {
    const held = this.#launchInput;
    if (held === null || this.#disposed) throw new InputRefusedError('closed', `Input refused: ${bytes.byteLength} bytes for a session that is not running.`, 'Reopen the session, then send it again.');
    if (this.#launchInputRefused || this.#launchInputBytes + bytes.byteLength > SHELLS.LAUNCH_INPUT_MAX_BYTES) {
      this.#launchInputRefused = true;
      throw new InputRefusedError(
        'starting',
        `Input refused: ${this.#launchInputBytes + bytes.byteLength} bytes typed while the session starts, more than the ${SHELLS.LAUNCH_INPUT_MAX_BYTES} held for it.`,
        'Send it again once the session is connected.',
      );
    }
    held.push(bytes.slice());
    this.#launchInputBytes += bytes.byteLength;
  }

  #dropLaunchInput(): void {
    this.#launchInput = null;
    this.#launchInputBytes = 0;
    this.#launchInputRefused = false;
  }

  ack(bytes: number): void {
    this.#output.acked(bytes);
  }

  /**
   * Sizes reach the remote only while it is connected. Meanwhile (launching, reconnecting) only the
   * latest is kept here, not sent: the window sends its size again once it hears the session is
   * connected (after its banner has given its rows back), and that size goes only if the remote does
   * not have it already (the engine skips an unchanged size). So a banner that comes and goes costs
   * the remote nothing, and a full-screen program is not made to redraw for a size it never shows.
   * (Sending the held size at 'connected' would send the banner's size: the window drops its banner
   * only once it hears 'connected'.) One exception, in input(): keys typed while a fresh session
   * connects take the held size ahead of them, since that remote has only the launch size.
   */
  resize(cols: number, rows: number): void {
    this.#size = { cols, rows };
    if (this.#engine?.status === 'connected') this.#engine.resize(cols, rows);
    this.#recorder.resize(cols, rows);
  }

  /** Ends the engine session (TerminateSession first) and keeps the tab for a restart. */
  stop(reason = 'Closed by the user'): Promise<void> {
    this.#dropLaunchInput();
    return this.#stop(reason);
  }

  async #stop(reason: string): Promise<void> {
    const engine = this.#engine;
    const launched = this.#launched;
    this.#generation++;
    this.#engine = undefined;
    this.#launched = undefined;
    this.#output.finish();
    const recorded = this.#recorder.stop();
    if (engine !== undefined && engine.status !== 'closed') {
      await engine.terminate();
    } else if (engine?.closedBecause?.kind === 'failed' && launched?.terminateSession) {
      // The channel gave up but AWS may still hold the session open: end it there too.
      await launched.terminateSession(engine.sessionId).catch(() => undefined);
    }
    await recorded;
    if (this.#status.state !== 'closed') this.#setStatus(stoppedStatus(reason));
  }

  /** A fresh session to the same target under the same id. */
  async restart(): Promise<void> {
    // Input typed from now on (the window takes it from Reopen on) waits for the new engine.
    this.#launchInput = [];
    this.#launchInputBytes = 0;
    this.#launchInputRefused = false;
    await this.#stop('Restarting');
    await this.start();
  }

  /**
   * The owner window went away: the session runs on, its output kept only in the scrollback, and
   * flow control forgets what the gone window owed (nothing will ack it; reading must not stall).
   */
  detach(): void {
    this.#output.detach();
  }

  /**
   * A window takes the session: what is waiting goes to the previous sink (if any), then the new
   * one gets the scrollback, counted for flow control exactly like live output (its terminal acks
   * replayed bytes as it parses them), then the current status; live output follows.
   */
  attach(sink: ShellSink): void {
    if (this.#disposed) return;
    this.#output.attach(sink);
    if (this.#announced) sink.status(this.#status);
  }

  /** Stops and releases everything; nothing is sent to the sink afterwards. */
  async dispose(): Promise<void> {
    await this.stop();
    this.#disposed = true;
    this.#output.dispose();
  }

  /**
   * Starts (into `dir`, named `<title>-<timestamp>.cast`) or stops recording the live terminal.
   * Resolves once a stopped file is complete. Recording a closed session is refused.
   */
  async setRecording(enabled: boolean, dir: string): Promise<void> {
    if (!enabled) return this.#recorder.stop();
    if (this.#recorder.active) return;
    if (this.#engine === undefined || this.#engine.status === 'closed') throw new RecordingUnavailableError(this.id);
    await this.#recorder.start(dir, (at) => castFileName(this.title, at));
  }

  /** ECS's word on the task of the session `generation` ended: told to the window unless that session is over here (restarted, closed on request, disposed). */
  #taskEnded(generation: number, end: SessionTaskEnd): void {
    if (generation !== this.#generation || this.#disposed || this.#status.state !== 'closed' || this.#status.ending === 'stopped') return;
    this.#taskEnd = end;
    if (this.#announced) this.#output.sink?.info?.(this.info());
  }

  #setStatus(status: SessionStatus): void {
    this.#status = status;
    if (this.#disposed) return;
    if (this.#announced) this.#output.sink?.status(status);
    // Before the first launch succeeded only the opener hears how it goes (a failed open is told by its error).
    else if (status.state === 'connecting') this.#output.sink?.opening?.(status);
  }
}
