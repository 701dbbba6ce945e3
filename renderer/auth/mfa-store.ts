// MFA prompts main raises for assume-role profiles, answered one at a time. Only the one-time
// code crosses to main; credentials never reach the renderer.
import type { MfaPrompt } from '../../shared/contract/index.js';
import { errorText, type PortholeClient } from '../bridge/client.js';
import { Store } from '../state/store.js';

export interface MfaState {
  readonly prompts: readonly MfaPrompt[];
  readonly error: string | null;
}

export class MfaStore extends Store<MfaState> {
  #started = false;

  constructor(private readonly client: PortholeClient) {
    super({ prompts: [], error: null });
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.client.on('auth', 'mfaPrompt', (prompt) => this.change((s) => ({ ...s, prompts: [...s.prompts, prompt] })));
  }

  /** Sends the code; resolves false (with the reason in `error`) when main did not take it. */
  async answer(promptId: string, code: string): Promise<boolean> {
    try {
      const { accepted } = await this.client.call('auth', 'respondMfa', { action: 'code', promptId, code });
      this.#drop(promptId, accepted ? null : 'That prompt has already expired or been answered.');
      return accepted;
    } catch (err) {
      this.change((s) => ({ ...s, error: errorText(err) }));
      return false;
    }
  }

  async cancel(promptId: string): Promise<void> {
    await this.client.call('auth', 'respondMfa', { action: 'cancel', promptId }).catch(() => undefined);
    this.#drop(promptId, null);
  }

  #drop(promptId: string, error: string | null): void {
    this.change((s) => ({ prompts: s.prompts.filter((p) => p.promptId !== promptId), error }));
  }
}
