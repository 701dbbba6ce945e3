// The inspector's view of one session: its recent frames (a bounded ring), subscribed through
// the contract only while the panel shows it. Frames are control-plane metadata, not terminal bytes.
import type { InspectorFrame } from '../../shared/contract/index.js';
import { errorText, type PortholeClient } from '../bridge/client.js';
import { Store } from '../state/store.js';

export const INSPECTOR = {
  /** Frames kept for display; older ones drop off (main already thins a flood to its own budget). */
  MAX_FRAMES: 500,
  /** Redraw the list at most this often: a flood brings hundreds of frames a second. */
  FLUSH_MS: 200,
} as const;

export interface InspectorState {
  readonly sessionId: string | null;
  readonly frames: readonly InspectorFrame[];
  readonly paused: boolean;
  readonly error: string | null;
}

export class InspectorStore extends Store<InspectorState> {
  #pending: InspectorFrame[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #started = false;

  constructor(private readonly client: PortholeClient) {
    super({ sessionId: null, frames: [], paused: false, error: null });
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.client.on('inspector', 'frame', (frame) => {
      if (frame.sessionId !== this.state.sessionId || this.state.paused) return;
      this.#pending.push(frame);
      this.#timer ??= setTimeout(() => this.#flush(), INSPECTOR.FLUSH_MS);
    });
  }

  async watch(sessionId: string | null): Promise<void> {
    const previous = this.state.sessionId;
    if (previous === sessionId) return;
    this.#pending = [];
    this.set({ sessionId, frames: [], paused: false, error: null });
    if (previous !== null) await this.client.call('inspector', 'unsubscribe', { sessionId: previous }).catch(() => undefined);
    if (sessionId === null) return;
    try {
      await this.client.call('inspector', 'subscribe', { sessionId });
    } catch (err) {
      if (this.state.sessionId === sessionId) this.set({ ...this.state, error: errorText(err) });
    }
  }

  setPaused(paused: boolean): void {
    this.set({ ...this.state, paused });
  }

  clear(): void {
    this.#pending = [];
    this.set({ ...this.state, frames: [] });
  }

  #flush(): void {
    this.#timer = null;
    const add = this.#pending;
    this.#pending = [];
    if (add.length === 0) return;
    this.set({ ...this.state, frames: [...this.state.frames, ...add].slice(-INSPECTOR.MAX_FRAMES) });
  }
}
