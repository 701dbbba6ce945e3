// One shell tab's session: launches it, runs the engine's ShellSession, and carries its data
// plane to the owner window — output coalesced, flushed on input, paused by flow control.
// Restart swaps the engine session underneath and keeps the id, sink and batcher. The owner
// window may go away and another take over: detach() keeps the session running with its output
// going only to the bounded scrollback; attach() replays that to the new owner, then goes live.
import type { SessionInfo, SessionStatus, ShellTarget } from '../../../shared/contract/index.js';
import { ShellSession } from '../../ssm/shell/shell-session.js';
import { FlowControl } from './flow-control.js';
import { OutputBatcher, rebatch } from './output-batcher.js';
import { Scrollback } from './scrollback.js';
import { castFileName, finishCast, recordingProblem, RecordingUnavailableError, startCast, type ActiveRecording } from './recording.js';
import { SHELLS } from './constants.js';
import { closedStatus, launchFailedStatus, liveStatus, stoppedStatus } from './status.js';
import type { LaunchedShell, ShellManagerOptions, ShellSink } from './types.js';

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
  #status: SessionStatus = { state: 'connecting', reason: 'Starting the session' };
  #size: { cols: number; rows: number };
  #engine: ShellSession | undefined;
  #launched: LaunchedShell | undefined;
  /** Bumped on every (re)start so a late launch or event of an old engine is ignored. */
  #generation = 0;
  #disposed = false;
  /** Nothing is sent before the first launch succeeded: a failed open is told by its error alone. */
  #announced = false;
  #recording: ActiveRecording | undefined;
  /** Why the last recording could not start or stopped early (shown to the person). */
  #recordingError: string | undefined;
  /** Reading is paused because the recording file is behind (the window's flow control aside). */
  #heldForRecording = false;
  /** The owner window's sink; null while no window has the session (output then goes to the scrollback only). */
  #sink: ShellSink | null;
  readonly #scrollback = new Scrollback();
  readonly #batcher: OutputBatcher;
  readonly #flow: FlowControl;
  /**
   * Output the engine had already read when reading paused, kept here until acks make room: the
   * window toward xterm stays within the high watermark plus one batch, whatever one socket read
   * held (up to 64 KiB of frames arrived after a pause before this, 8-tab UI bench).
   */
  #held: Uint8Array<ArrayBuffer>[] = [];

  constructor(init: ManagedShellInit, private readonly options: ShellManagerOptions) {
    this.id = init.id;
    this.target = init.target;
    this.title = init.title;
    this.#size = { cols: init.cols, rows: init.rows };
    this.#sink = init.sink;
    this.#batcher = new OutputBatcher((bytes, putBack) => this.#deliver(bytes, putBack), options.batching);
    this.#flow = new FlowControl(
      {
        pause: () => this.#engine?.pause(),
        resume: () => {
          // What waited for room goes first, its partial batches joined; reading resumes only once all of it fit the window.
          const max = this.options.batching?.maxBatchBytes ?? SHELLS.MAX_BATCH_BYTES;
          const pieces = rebatch(this.#held, max);
          while (pieces.length > 0 && !this.#flow.paused) {
            const piece = pieces.shift() as Uint8Array<ArrayBuffer>;
            // A partial last piece is mostly the one frame read after the pause (~1 KiB): sent alone,
            // every round trip of a flood was two messages, one tiny (8-tab unpaced UI bench: 40 % of
            // the showing tab's messages). It goes back to the batcher, ahead of what the next read brings.
            if (pieces.length === 0 && piece.byteLength < max) this.#batcher.putBack(piece);
            else this.#send(piece);
          }
          this.#held = pieces;
          if (this.#flow.paused || this.#heldForRecording) return;
          this.#engine?.resume();
          // xterm is running dry: what the next read brings goes now, not a coalescing period later.
          this.#batcher.resumed();
        },
      },
      options.watermarks,
    );
  }

  get status(): SessionStatus {
    return this.#status;
  }

  /** Bytes sent to the renderer and not yet acknowledged by it (flow control). */
  get unackedBytes(): number {
    return this.#flow.unacked;
  }

  get readingPaused(): boolean {
    return this.#flow.paused;
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
    return this.#sink !== null;
  }

  /** Output retained for a window that takes the session over (bytes). */
  get scrollbackBytes(): number {
    return this.#scrollback.size;
  }

  /** The engine's session id (the AWS SessionId), once launched. */
  get awsSessionId(): string | undefined {
    return this.#engine?.sessionId;
  }

  info(): SessionInfo {
    const info: SessionInfo = { id: this.id, title: this.title, target: this.target, status: this.#status, openedAt: this.openedAt };
    if (this.#recording !== undefined) info.recording = { ...this.#recording.info };
    if (this.#recordingError !== undefined) info.recordingError = this.#recordingError;
    return info;
  }

  /** Launches the session (ExecuteCommand / StartSession) and starts the engine. Throws when the launch fails. */
  async start(): Promise<void> {
    const generation = ++this.#generation;
    this.#setStatus({ state: 'connecting', reason: 'Starting the session' });
    // The file first: a recording that cannot be opened is told before any AWS session exists.
    if (this.options.recordDir !== undefined) {
      const dir = this.options.recordDir;
      await this.#record(dir, (at) => `${this.id}-${at}.cast`, () => generation === this.#generation).catch((err: unknown) => {
        this.#recordingError = recordingProblem(dir, err, false);
        this.#sink?.info?.(this.info());
      });
      if (generation !== this.#generation || this.#disposed) return; // stopped while the file was opening: nothing was launched
    }
    let launched: LaunchedShell;
    try {
      launched = await this.options.launch(this.target);
    } catch (err) {
      if (generation === this.#generation) void this.#stopRecording();
      if (generation === this.#generation && !this.#disposed) this.#setStatus(launchFailedStatus(err instanceof Error ? err.message : String(err)));
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
    this.#flow.reset();
    engine.on('output', (bytes) => {
      if (generation !== this.#generation) return;
      this.#recordOutput(bytes);
      this.#batcher.push(bytes);
    });
    engine.on('status', (status, detail) => {
      if (generation === this.#generation && status !== 'closed') this.#setStatus(liveStatus(status, detail));
    });
    engine.on('closed', (reason) => {
      if (generation !== this.#generation) return;
      this.#batcher.flush(); // the last output comes before `closed`
      this.#releaseHeld();
      this.#flow.reset();
      void this.#stopRecording();
      this.#setStatus(closedStatus(reason, engine.exitCode));
    });
    void engine.open();
  }

  input(bytes: Uint8Array): void {
    const engine = this.#engine;
    if (engine === undefined || engine.status === 'closed') return;
    engine.write(bytes);
    this.#batcher.inputSent();
  }

  ack(bytes: number): void {
    this.#flow.acked(bytes);
  }

  resize(cols: number, rows: number): void {
    this.#size = { cols, rows };
    this.#engine?.resize(cols, rows);
    this.#recording?.file.recorder.resize(cols, rows);
  }

  /** Ends the engine session (TerminateSession first) and keeps the tab for a restart. */
  async stop(reason = 'Closed by the user'): Promise<void> {
    const engine = this.#engine;
    const launched = this.#launched;
    this.#generation++;
    this.#engine = undefined;
    this.#launched = undefined;
    this.#batcher.flush();
    this.#releaseHeld();
    this.#flow.reset();
    const recorded = this.#stopRecording();
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
    await this.stop('Restarting');
    await this.start();
  }

  /**
   * The owner window went away: the session runs on, its output kept only in the scrollback, and
   * flow control forgets what the gone window owed (nothing will ack it; reading must not stall).
   */
  detach(): void {
    this.#batcher.flush();
    this.#sink = null;
    this.#held = []; // already in the scrollback, which the next owner gets
    this.#flow.reset();
  }

  /**
   * A window takes the session: what is waiting goes to the previous sink (if any), then the new
   * one gets the scrollback, counted for flow control exactly like live output (its terminal acks
   * replayed bytes as it parses them), then the current status; live output follows.
   */
  attach(sink: ShellSink): void {
    if (this.#disposed) return;
    this.#batcher.flush();
    this.#sink = sink;
    this.#held = []; // already in the scrollback replayed below
    this.#flow.reset();
    for (const piece of this.#scrollback.replay(this.options.batching?.maxBatchBytes ?? SHELLS.MAX_BATCH_BYTES)) {
      this.#flow.sent(piece.byteLength);
      sink.output(piece);
    }
    if (this.#announced) sink.status(this.#status);
  }

  /** Stops and releases everything; nothing is sent to the sink afterwards. */
  async dispose(): Promise<void> {
    await this.stop();
    this.#disposed = true;
    this.#batcher.dispose();
  }

  /**
   * Starts (into `dir`, named `<title>-<timestamp>.cast`) or stops recording the live terminal.
   * Resolves once a stopped file is complete. Recording a closed session is refused.
   */
  async setRecording(enabled: boolean, dir: string): Promise<void> {
    if (!enabled) return this.#stopRecording();
    if (this.#recording !== undefined) return;
    if (this.#engine === undefined || this.#engine.status === 'closed') throw new RecordingUnavailableError(this.id);
    await this.#record(dir, (at) => castFileName(this.title, at));
  }

  #deliver(bytes: Uint8Array<ArrayBuffer>, putBack: number): void {
    if (this.#disposed) return;
    // The first `putBack` bytes were delivered (and kept) before: a held piece put back after a resume.
    this.#scrollback.push(putBack > 0 ? bytes.subarray(putBack) : bytes);
    if (this.#sink === null) return;
    if (this.#flow.paused) this.#held.push(bytes);
    else this.#send(bytes);
  }

  /**
   * The engine is done (closed, or stopped for a restart or close): what waited for room goes now,
   * whatever the window, so the tail comes before the closed status (and before a restarted
   * session's output). No more output follows, so this overshoots the window by at most what the
   * engine had read when it paused.
   */
  #releaseHeld(): void {
    for (const bytes of this.#held.splice(0)) this.#send(bytes);
  }

  #send(bytes: Uint8Array<ArrayBuffer>): void {
    const sink = this.#sink;
    if (sink === null) return;
    this.#flow.sent(bytes.byteLength);
    sink.output(bytes);
  }

  #setStatus(status: SessionStatus): void {
    this.#status = status;
    if (this.#announced && !this.#disposed) this.#sink?.status(status);
  }

  /** Opens a recording; rejects (nothing changed) when the file cannot be opened. */
  async #record(dir: string, name: (startedAt: number) => string, stillWanted: () => boolean = () => true): Promise<void> {
    const rec: ActiveRecording = await startCast(dir, name, this.title, this.#size, (err) => {
      if (this.#recording !== rec) return;
      this.#recordingError = recordingProblem(rec.info.path, err, true);
      void this.#stopRecording();
    });
    if (this.#recording !== undefined || this.#disposed || !stillWanted()) {
      void finishCast(this.id, rec); // raced with another start, or stopped or closed meanwhile
      return;
    }
    this.#recording = rec;
    this.#recordingError = undefined;
    this.options.recorded?.(rec.info.path);
    this.#sink?.info?.(this.info());
  }

  /** Feeds the recording; while its file is behind, reading pauses (backpressure) until it drains. */
  #recordOutput(bytes: Uint8Array): void {
    const rec = this.#recording;
    if (rec === undefined) return;
    rec.file.recorder.output(bytes);
    if (!rec.file.behind || this.#heldForRecording) return;
    this.#heldForRecording = true;
    const engine = this.#engine;
    engine?.pause();
    rec.file.whenCaughtUp(() => {
      this.#heldForRecording = false;
      if (this.#engine === engine && !this.#flow.paused) engine?.resume();
    });
  }

  /** Ends the recording and tells the owner; resolves once the file is complete (never rejects). */
  #stopRecording(): Promise<void> {
    const rec = this.#recording;
    this.#recording = undefined;
    if (rec === undefined) return Promise.resolve();
    if (!this.#disposed) this.#sink?.info?.(this.info());
    return finishCast(this.id, rec);
  }
}
