// Every tab's TerminalController by session id, and the one data-plane subscription that routes
// output straight into them. Output that arrives before its controller exists (a session sends
// its first bytes before sessions.open has replied) is held, bounded, and replayed on creation.
import type { SessionStatus, ToRendererData } from '../../shared/contract/index.js';
import { TERMINAL } from './constants.js';
import { TerminalController, type TerminalHost, type TerminalLook } from './terminal-controller.js';

interface DataSource {
  onData(listener: (msg: ToRendererData) => void): () => void;
}

interface Early {
  chunks: Uint8Array[];
  bytes: number;
  status: SessionStatus | null;
}

export class TerminalRegistry {
  readonly #controllers = new Map<string, TerminalController>();
  readonly #early = new Map<string, Early>();
  readonly #off: () => void;

  constructor(
    source: DataSource,
    private readonly host: TerminalHost,
    private readonly onStatus: (sessionId: string, status: SessionStatus) => void,
  ) {
    this.#off = source.onData((msg) => this.#route(msg));
  }

  /** Creates the controller for a new session (or returns the existing one) and replays held output. */
  create(sessionId: string, look: TerminalLook, size?: { readonly cols: number; readonly rows: number }): TerminalController {
    const existing = this.#controllers.get(sessionId);
    if (existing !== undefined) return existing;
    const controller = new TerminalController(sessionId, this.host, look, size);
    this.#controllers.set(sessionId, controller);
    const early = this.#early.get(sessionId);
    this.#early.delete(sessionId);
    for (const chunk of early?.chunks ?? []) controller.write(chunk);
    if (early?.status) this.onStatus(sessionId, early.status);
    return controller;
  }

  get(sessionId: string): TerminalController | undefined {
    return this.#controllers.get(sessionId);
  }

  all(): TerminalController[] {
    return [...this.#controllers.values()];
  }

  dispose(sessionId: string): void {
    this.#controllers.get(sessionId)?.dispose();
    this.#controllers.delete(sessionId);
    this.#early.delete(sessionId);
  }

  /** Output for a session nobody will claim (its open failed) is dropped. */
  forgetEarly(sessionId: string): void {
    this.#early.delete(sessionId);
  }

  close(): void {
    this.#off();
    for (const id of [...this.#controllers.keys()]) this.dispose(id);
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
