// Every tab's TerminalController by session id, and the one data-plane subscription that routes
// output straight into them. Output that arrives before its controller exists (a session sends
// its first bytes before sessions.open has replied, or while the terminal code is still loading)
// is held, bounded, and replayed on creation.
//
// xterm and its addons are not in the first screen's bundle: the controller's module is imported
// on the first terminal (or earlier by prepare(), which a shell being opened calls). create()
// therefore records the wish and the controller appears when the module has arrived; views read
// it through subscribe/get (useTerminal), so they render again when it does.
import type { SessionStatus, ToRendererData } from '../../shared/contract/index.js';
import { Listeners } from '../state/listeners.js';
import { TERMINAL } from './constants.js';
import type { TerminalController, TerminalHost, TerminalLook } from './terminal-controller.js';

interface DataSource {
  onData(listener: (msg: ToRendererData) => void): () => void;
}

interface Early {
  chunks: Uint8Array[];
  bytes: number;
  status: SessionStatus | null;
}

type Size = { readonly cols: number; readonly rows: number };

/** Builds a controller; what the lazily loaded terminal module provides. */
export type ControllerFactory = (sessionId: string, host: TerminalHost, look: TerminalLook, size?: Size) => TerminalController;

/** The default loader: the terminal module (xterm + addons) as its own chunk. */
const loadTerminalModule = async (): Promise<ControllerFactory> => {
  const { TerminalController: Controller } = await import('./terminal-controller.js');
  return (sessionId, host, look, size) => new Controller(sessionId, host, look, size);
};

export interface RegistryOptions {
  /** Told once per failed load of the terminal code (e.g. the host was updated meanwhile). */
  readonly loadFailed?: (message: string) => void;
  /** Tests inject a factory; the app loads the terminal module. */
  readonly load?: () => Promise<ControllerFactory>;
}

export class TerminalRegistry {
  readonly #controllers = new Map<string, TerminalController>();
  readonly #early = new Map<string, Early>();
  /** Sessions whose controller waits for the terminal module: what to build it with. */
  readonly #wanted = new Map<string, { look: TerminalLook; size: Size | undefined }>();
  readonly #listeners = new Listeners<[]>();
  readonly #off: () => void;
  readonly #load: () => Promise<ControllerFactory>;
  #factory: ControllerFactory | null = null;
  #loading: Promise<void> | null = null;
  #loadError: string | null = null;

  constructor(
    source: DataSource,
    private readonly host: TerminalHost,
    private readonly onStatus: (sessionId: string, status: SessionStatus) => void,
    private readonly options: RegistryOptions = {},
  ) {
    this.#load = options.load ?? loadTerminalModule;
    this.#off = source.onData((msg) => this.#route(msg));
  }

  /** Starts loading the terminal code if it is not there yet (a shell is about to open). */
  prepare(): Promise<void> {
    if (this.#factory !== null) return Promise.resolve();
    this.#loading ??= this.#load().then(
      (factory) => {
        this.#factory = factory;
        this.#loadError = null;
        for (const [id, { look, size }] of [...this.#wanted]) this.#build(id, look, size);
        this.#wanted.clear();
        this.#changed();
      },
      (err: unknown) => {
        // The next terminal tries again; the sessions waiting now keep their held output until then.
        this.#loading = null;
        this.#loadError = err instanceof Error ? err.message : String(err);
        this.options.loadFailed?.(`Porthole was updated — reload to continue (the terminal could not be loaded: ${this.#loadError}).`);
        this.#changed();
      },
    );
    return this.#loading;
  }

  /**
   * The controller for a new session, built now when the terminal code is loaded, else as soon as
   * it is (get() and subscribers see it then). Held output and status are replayed on creation.
   */
  create(sessionId: string, look: TerminalLook, size?: Size): void {
    if (this.#controllers.has(sessionId)) return;
    if (this.#factory === null) {
      this.#wanted.set(sessionId, { look, size });
      void this.prepare();
      return;
    }
    this.#build(sessionId, look, size);
    this.#changed();
  }

  /** Why the terminal code last failed to load (null: loaded, loading or not tried); tabs waiting for it say so. */
  get loadError(): string | null {
    return this.#loadError;
  }

  get(sessionId: string): TerminalController | undefined {
    return this.#controllers.get(sessionId);
  }

  all(): TerminalController[] {
    return [...this.#controllers.values()];
  }

  /** Told when a controller appears or goes away (React reads get() again then). */
  subscribe = (listener: () => void): (() => void) => this.#listeners.add(listener);

  dispose(sessionId: string): void {
    const controller = this.#controllers.get(sessionId);
    controller?.dispose();
    this.#controllers.delete(sessionId);
    this.#early.delete(sessionId);
    this.#wanted.delete(sessionId);
    if (controller !== undefined) this.#changed();
  }

  /** Output for a session nobody will claim (its open failed) is dropped. */
  forgetEarly(sessionId: string): void {
    this.#early.delete(sessionId);
  }

  close(): void {
    this.#off();
    this.#wanted.clear();
    for (const id of [...this.#controllers.keys()]) this.dispose(id);
  }

  #build(sessionId: string, look: TerminalLook, size: Size | undefined): void {
    if (this.#factory === null || this.#controllers.has(sessionId)) return;
    const controller = this.#factory(sessionId, this.host, look, size);
    this.#controllers.set(sessionId, controller);
    const early = this.#early.get(sessionId);
    this.#early.delete(sessionId);
    for (const chunk of early?.chunks ?? []) controller.write(chunk);
    if (early?.status) this.onStatus(sessionId, early.status);
  }

  #changed(): void {
    this.#listeners.emit();
  }

  #route(msg: ToRendererData): void {
    const controller = this.#controllers.get(msg.sessionId);
    if (controller !== undefined) {
      if (msg.type === 'output_stream_data') controller.write(msg.bytes);
      else this.onStatus(msg.sessionId, msg.status);
      return;
    }
    const early = this.#early.get(msg.sessionId) ?? { chunks: [], bytes: 0, status: null };
    this.#early.set(msg.sessionId, early);
    if (msg.type === 'status') {
      early.status = msg.status;
      this.onStatus(msg.sessionId, msg.status);
    } else if (early.bytes + msg.bytes.byteLength <= TERMINAL.EARLY_BUFFER_MAX_BYTES) {
      early.chunks.push(msg.bytes);
      early.bytes += msg.bytes.byteLength;
    }
  }
}
