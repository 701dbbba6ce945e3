// The shell session manager: every open shell tab, each owned by one window. The IPC layer
// gives each session a sink bound to its owner; the manager never broadcasts session data.
import { randomUUID } from 'node:crypto';
import type { SessionInfo } from '../../../shared/contract/index.js';
import { ManagedShell } from './managed-shell.js';
import type { OpenShellRequest, ShellManagerOptions, ShellSink } from './types.js';

/** Raised for a session id this manager does not hold (closed, or owned elsewhere). */
export class ShellNotFoundError extends Error {
  override readonly name = 'ShellNotFoundError';
  constructor(readonly sessionId: string) {
    super(`There is no open session ${sessionId}.`);
  }
}

/** Raised when the app was started without a folder for recordings asked for from the UI. */
export class RecordingsDirMissingError extends Error {
  override readonly name = 'RecordingsDirMissingError';
  constructor() {
    super('Recording is not available: Porthole was started without a data folder for recordings.');
  }
}

/** Default tab title: what the target is called in the tree. */
export function defaultTitle(req: OpenShellRequest): string {
  return req.target.kind === 'instance' ? req.target.instanceId : req.target.containerName;
}

export class ShellManager {
  readonly #shells = new Map<string, ManagedShell>();
  /** Every recording file this process opened, by its path as written. */
  readonly #recordings = new Set<string>();
  private readonly options: ShellManagerOptions;

  constructor(options: ShellManagerOptions) {
    this.options = {
      ...options,
      recorded: (path) => {
        this.#recordings.add(path);
        options.recorded?.(path);
      },
    };
  }

  /** Whether `path` is a recording this process wrote: the only files a host may show in a folder. */
  wroteRecording(path: string): boolean {
    return this.#recordings.has(path);
  }

  /**
   * Opens a shell. `bind` is called with the new id before anything can be sent, and returns
   * the owner's sink (and whatever the caller needs to undo on failure via `unbind`).
   * Resolves once the session is launched; the data channel then connects in the background.
   */
  async open(req: OpenShellRequest, bind: (sessionId: string) => ShellSink, unbind: (sessionId: string) => void): Promise<ManagedShell> {
    const id = `s-${randomUUID()}`;
    const sink = bind(id);
    const shell = new ManagedShell({ id, target: req.target, cols: req.cols, rows: req.rows, title: req.title ?? defaultTitle(req), sink }, this.options);
    this.#shells.set(id, shell);
    try {
      await shell.start();
    } catch (err) {
      this.#shells.delete(id);
      await shell.dispose();
      unbind(id);
      throw err;
    }
    return shell;
  }

  get(id: string): ManagedShell {
    const shell = this.#shells.get(id);
    if (shell === undefined) throw new ShellNotFoundError(id);
    return shell;
  }

  has(id: string): boolean {
    return this.#shells.has(id);
  }

  /** Every open session, oldest first. */
  all(): ManagedShell[] {
    return [...this.#shells.values()];
  }

  list(ids?: ReadonlySet<string>): SessionInfo[] {
    return [...this.#shells.values()].filter((s) => ids === undefined || ids.has(s.id)).map((s) => s.info());
  }

  rename(id: string, title: string): SessionInfo {
    const shell = this.get(id);
    shell.title = title;
    return shell.info();
  }

  /** Starts or stops recording a live session into the recordings folder (see ManagedShell.setRecording). */
  async setRecording(id: string, enabled: boolean): Promise<SessionInfo> {
    const shell = this.get(id);
    const dir = this.options.recordingsDir;
    if (enabled && dir === undefined) throw new RecordingsDirMissingError();
    await shell.setRecording(enabled, dir ?? '');
    return shell.info();
  }

  async restart(id: string): Promise<SessionInfo> {
    const shell = this.get(id);
    await shell.restart();
    return shell.info();
  }

  /** Keeps the session running with no window: output goes to its scrollback only. */
  detach(id: string): void {
    this.get(id).detach();
  }

  /** Gives the session to a window's sink, replaying its scrollback first. */
  attach(id: string, sink: ShellSink): void {
    this.get(id).attach(sink);
  }

  /** Terminates the session (TerminateSession, so AWS ends it too) and forgets it. */
  async close(id: string): Promise<void> {
    const shell = this.get(id);
    this.#shells.delete(id);
    await shell.dispose();
  }

  get size(): number {
    return this.#shells.size;
  }

  /** Closes every session (app quit). */
  async closeAll(): Promise<void> {
    const all = [...this.#shells.keys()];
    await Promise.all(all.map((id) => this.close(id).catch(() => undefined)));
  }
}
