// One shell tab's recording state: the active .cast file (recording.ts writes it), the problem
// last met, and the backpressure a file that falls behind puts on the engine's reading.
import type { SessionInfo } from '../../../shared/contract/index.js';
import { finishCast, recordingProblem, startCast, type ActiveRecording } from './recording.js';

/** What the recorder needs from its shell. */
export interface RecorderHost {
  /** The title and terminal size a new file is headed with. */
  title(): string;
  size(): { cols: number; rows: number };
  /** The shell was disposed: nothing is told any more. */
  disposed(): boolean;
  /** The recording started, stopped or failed: tell the owner window the session's info. */
  changed(): void;
  /** A recording file was started at this path. */
  started(path: string): void;
  /** The engine whose reading a file that falls behind pauses (undefined: none). */
  engine(): { pause(): void; resume(): void } | undefined;
  /** Reading is paused by the window's flow control too: the file catching up does not resume it. */
  flowPaused(): boolean;
}

export class ShellRecorder {
  #recording: ActiveRecording | undefined;
  /** Why the last recording could not start or stopped early (shown to the person). */
  #error: string | undefined;
  /** Reading is paused because the recording file is behind (the window's flow control aside). */
  #holding = false;

  constructor(
    private readonly sessionId: string,
    private readonly host: RecorderHost,
  ) {}

  get active(): boolean {
    return this.#recording !== undefined;
  }

  /** Reading is paused until the file catches up. */
  get holding(): boolean {
    return this.#holding;
  }

  /** Puts the recording and its last problem into the session's info. */
  describe(info: SessionInfo): void {
    if (this.#recording !== undefined) info.recording = { ...this.#recording.info };
    if (this.#error !== undefined) info.recordingError = this.#error;
  }

  /** A recording into `dir` could not be opened: the problem is kept for the person. */
  failedToStart(dir: string, err: unknown): void {
    this.#error = recordingProblem(dir, err, false);
  }

  /** Opens a recording; rejects (nothing changed) when the file cannot be opened. */
  async start(dir: string, name: (startedAt: number) => string, stillWanted: () => boolean = () => true): Promise<void> {
    const rec: ActiveRecording = await startCast(dir, name, this.host.title(), this.host.size(), (err) => {
      if (this.#recording !== rec) return;
      this.#error = recordingProblem(rec.info.path, err, true);
      void this.stop();
    });
    if (this.#recording !== undefined || this.host.disposed() || !stillWanted()) {
      void finishCast(this.sessionId, rec); // raced with another start, or stopped or closed meanwhile
      return;
    }
    this.#recording = rec;
    this.#error = undefined;
    this.host.started(rec.info.path);
    this.host.changed();
  }

  /** Feeds the recording; while its file is behind, reading pauses (backpressure) until it drains. */
  output(bytes: Uint8Array): void {
    const rec = this.#recording;
    if (rec === undefined) return;
    rec.file.recorder.output(bytes);
    if (!rec.file.behind || this.#holding) return;
    this.#holding = true;
    const engine = this.host.engine();
    engine?.pause();
    rec.file.whenCaughtUp(() => {
      this.#holding = false;
      if (this.host.engine() === engine && !this.host.flowPaused()) engine?.resume();
    });
  }

  resize(cols: number, rows: number): void {
    this.#recording?.file.recorder.resize(cols, rows);
  }

  /** Ends the recording and tells the owner; resolves once the file is complete (never rejects). */
  stop(): Promise<void> {
    const rec = this.#recording;
    this.#recording = undefined;
    if (rec === undefined) return Promise.resolve();
    if (!this.host.disposed()) this.host.changed();
    return finishCast(this.sessionId, rec);
  }
}
