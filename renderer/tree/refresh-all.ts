// "Refresh everything" (the tree's ↻ and the palette's command), told while it runs and after:
// busy until every profile is read again, then done for a moment, or the error until the next try.
// Before, the button gave no sign it had been pressed, nor that it had finished or failed.
import { Store } from '../state/store.js';

export type RefreshAllState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'busy' }
  | { readonly phase: 'done'; readonly at: number }
  | { readonly phase: 'failed'; readonly message: string };

export const REFRESH_ALL = {
  /** How long "Refreshed" stays after a refresh that worked: long enough to be read after a glance back at the tree, short enough not to linger as stale news. */
  DONE_SHOWN_MS: 4_000,
} as const;

interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_CLOCK: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class RefreshAllStore extends Store<RefreshAllState> {
  #hide: unknown = null;

  /** `refresh` reloads everything and resolves with what went wrong, or null when it worked. */
  constructor(
    private readonly refresh: () => Promise<string | null>,
    private readonly clock: Clock = REAL_CLOCK,
  ) {
    super({ phase: 'idle' });
  }

  /** Starts a refresh; while one runs, another press joins it instead of starting a second. */
  async run(): Promise<void> {
    if (this.state.phase === 'busy') return;
    if (this.#hide !== null) this.clock.clearTimeout(this.#hide);
    this.#hide = null;
    this.set({ phase: 'busy' });
    let problem: string | null;
    try {
      problem = await this.refresh();
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
    if (problem !== null) {
      this.set({ phase: 'failed', message: problem });
      return;
    }
    this.set({ phase: 'done', at: this.clock.now() });
    this.#hide = this.clock.setTimeout(() => {
      this.#hide = null;
      if (this.state.phase === 'done') this.set({ phase: 'idle' });
    }, REFRESH_ALL.DONE_SHOWN_MS);
  }
}
