// The latest diagnosis the person asked for: which target, and the checks main ran on it.
import type { Check, DiagnosisTarget } from '../../shared/contract/index.js';
import { errorText, type PortholeClient } from '../bridge/client.js';
import { Store } from '../state/store.js';

export interface Diagnosis {
  readonly title: string;
  readonly target: DiagnosisTarget;
  readonly status: 'running' | 'done' | 'error';
  readonly checks: readonly Check[];
  /**
   * The checks are the previous run's on this target, shown while it runs again: emptying the
   * list made the panel jump, then jump back when the new results came.
   */
  readonly stale: boolean;
  readonly error: string | null;
  /** While the checks wait on the profile's credential_process (a sign-in): main's words saying so. */
  readonly helperWait: string | null;
}

/** The run key main's `waiting` events name this window's run by (IdSchema: letters, digits, '-'). */
const RUN_KEY_PREFIX = 'diagnosis-';

/** Same target: the same fields with the same values (targets are plain records from the contract). */
function sameTarget(a: DiagnosisTarget, b: DiagnosisTarget): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class DiagnosticsStore extends Store<Diagnosis | null> {
  #seq = 0;

  constructor(private readonly client: PortholeClient) {
    super(null);
    // Only the latest run's words, and only while it runs (an older run's may still arrive).
    client.on('diagnostics', 'waiting', ({ runKey, helperWait }) => {
      if (runKey === RUN_KEY_PREFIX + String(this.#seq) && this.state?.status === 'running') this.set({ ...this.state, helperWait });
    });
  }

  async run(target: DiagnosisTarget, title: string): Promise<void> {
    const seq = ++this.#seq;
    // A rerun on the same target keeps the last checks in sight (marked stale) until new ones come.
    const prev = this.state;
    const kept = prev !== null && sameTarget(prev.target, target) ? prev.checks : [];
    this.set({ title, target, status: 'running', checks: kept, stale: kept.length > 0, error: null, helperWait: null });
    try {
      const { checks } = await this.client.call('diagnostics', 'run', { target, runKey: RUN_KEY_PREFIX + String(seq) });
      if (seq === this.#seq) this.set({ title, target, status: 'done', checks, stale: false, error: null, helperWait: null });
    } catch (err) {
      if (seq === this.#seq) this.set({ title, target, status: 'error', checks: [], stale: false, error: errorText(err), helperWait: null });
    }
  }
}
