// The inspector's view of one session: its recent frames (a bounded ring), subscribed through
// the contract only while the panel shows it. Frames are control-plane metadata, not terminal bytes.
import type { InspectorFrame, InspectorGap } from '../../shared/contract/index.js';
import { errorText, type PortholeClient } from '../bridge/client.js';
import { Store } from '../state/store.js';

export const INSPECTOR = {
  /** Rows (frames and gap markers) kept for display; older ones drop off (main already thins a flood to its own budget). */
  MAX_ROWS: 500,
  /** Redraw the list at most this often: a flood brings hundreds of frames a second. */
  FLUSH_MS: 200,
} as const;

/** A row of the frame list: a frame, or a marker where main left frames out (over its budget). */
export type InspectorRow = { readonly kind: 'frame'; readonly frame: InspectorFrame } | { readonly kind: 'gap'; readonly gap: InspectorGap };

export interface InspectorState {
  readonly sessionId: string | null;
  readonly rows: readonly InspectorRow[];
  /** The latest gap's cumulative count for the watched session: main's count, so Clear keeps it. */
  readonly notShown: { readonly total: number; readonly maxPerSecond: number } | null;
  readonly paused: boolean;
  readonly error: string | null;
}

export class InspectorStore extends Store<InspectorState> {
  #pending: InspectorRow[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #started = false;

  constructor(private readonly client: PortholeClient) {
    super({ sessionId: null, rows: [], notShown: null, paused: false, error: null });
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.client.on('inspector', 'frame', (frame) => {
      if (frame.sessionId !== this.state.sessionId || this.state.paused) return;
      this.#queue({ kind: 'frame', frame });
    });
    this.client.on('inspector', 'gap', (gap) => {
      if (gap.sessionId !== this.state.sessionId) return;
      // Counted even while paused: the total says what main left out, not what the list shows.
      this.set({ ...this.state, notShown: { total: gap.totalNotShown, maxPerSecond: gap.maxPerSecond } });
      if (!this.state.paused) this.#queue({ kind: 'gap', gap });
    });
  }

  async watch(sessionId: string | null): Promise<void> {
    const previous = this.state.sessionId;
    if (previous === sessionId) return;
    this.#pending = [];
    this.set({ sessionId, rows: [], notShown: null, paused: false, error: null });
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
    this.set({ ...this.state, rows: [] });
  }

  #queue(row: InspectorRow): void {
    this.#pending.push(row);
    this.#timer ??= setTimeout(() => this.#flush(), INSPECTOR.FLUSH_MS);
  }

  #flush(): void {
    this.#timer = null;
    const add = this.#pending;
    this.#pending = [];
    if (add.length === 0) return;
    this.set({ ...this.state, rows: [...this.state.rows, ...add].slice(-INSPECTOR.MAX_ROWS) });
  }
}
