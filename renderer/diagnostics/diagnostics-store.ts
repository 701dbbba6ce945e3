// The latest diagnosis the person asked for: which target, and the checks main ran on it.
import type { Check, DiagnosisTarget } from '../../shared/contract/index.js';
import { errorText, type PortholeClient } from '../bridge/client.js';
import { Store } from '../state/store.js';

export interface Diagnosis {
  readonly title: string;
  readonly target: DiagnosisTarget;
  readonly status: 'running' | 'done' | 'error';
  readonly checks: readonly Check[];
  readonly error: string | null;
}

export class DiagnosticsStore extends Store<Diagnosis | null> {
  #seq = 0;

  constructor(private readonly client: PortholeClient) {
    super(null);
  }

  async run(target: DiagnosisTarget, title: string): Promise<void> {
    const seq = ++this.#seq;
    this.set({ title, target, status: 'running', checks: [], error: null });
    try {
      const { checks } = await this.client.call('diagnostics', 'run', { target });
      if (seq === this.#seq) this.set({ title, target, status: 'done', checks, error: null });
    } catch (err) {
      if (seq === this.#seq) this.set({ title, target, status: 'error', checks: [], error: errorText(err) });
    }
  }
}
