// "Refresh everything" (the tree's ↻ and the palette's command), told while it runs and after:
// busy until every profile is read again, then done for a moment, or the error until the next try.
// Before, the button gave no sign it had been pressed, nor that it had finished or failed.
// A refresh that read the profiles but not every branch under them (AWS unreachable, credentials
// expired: each such region shows its error) says so, with the first failure's words, rather than "Refreshed".
import type { RefreshFailures } from '../../shared/contract/index.js';
import { Store } from '../state/store.js';

export type RefreshAllState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'busy' }
  | { readonly phase: 'done'; readonly at: number }
  | { readonly phase: 'partial'; readonly at: number; readonly count: number; readonly first: string }
  | { readonly phase: 'failed'; readonly message: string };

/** What a refresh answered: null when it all worked, why it failed outright, or the branches that failed to reload. */
export type RefreshAnswer = null | { readonly failed: string } | { readonly failures: RefreshFailures };

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
  /** The refresh running now, which a second press joins. */
  #running: Promise<void> | null = null;

  /** `refresh` reloads everything and resolves with what went wrong, or null when it worked. */
  constructor(
    private readonly refresh: () => Promise<RefreshAnswer>,
    private readonly clock: Clock = REAL_CLOCK,
  ) {
    super({ phase: 'idle' });
  }

  /** Starts a refresh; while one runs, another press joins it (the same promise) instead of starting a second. */
  run(): Promise<void> {
    if (this.#running !== null) return this.#running;
    const running = this.#run().finally(() => {
      this.#running = null;
    });
    this.#running = running;
    return running;
  }

  async #run(): Promise<void> {
    if (this.#hide !== null) this.clock.clearTimeout(this.#hide);
    this.#hide = null;
    this.set({ phase: 'busy' });
    let answer: RefreshAnswer;
    try {
      answer = await this.refresh();
    } catch (err) {
      answer = { failed: err instanceof Error ? err.message : String(err) };
    }
    if (answer !== null && 'failed' in answer) {
      this.set({ phase: 'failed', message: answer.failed });
      return;
    }
    if (answer !== null) {
      // Kept until the next try, as a failure is: some of the tree is not what AWS has now.
      const { count, first } = answer.failures;
      this.set({ phase: 'partial', at: this.clock.now(), count, first: first.nextStep ? `${first.message} ${first.nextStep}` : first.message });
      return;
    }
    this.set({ phase: 'done', at: this.clock.now() });
    this.#hide = this.clock.setTimeout(() => {
      this.#hide = null;
      if (this.state.phase === 'done') this.set({ phase: 'idle' });
    }, REFRESH_ALL.DONE_SHOWN_MS);
  }
}
