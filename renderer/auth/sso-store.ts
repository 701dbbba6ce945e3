// SSO sign-in from the app: main runs the OIDC device flow; this store shows its user code,
// opens the verification page once, and lets the person cancel. No token reaches the renderer.
import type { SsoPrompt } from '../../shared/contract/index.js';
import { errorText, type PortholeClient } from '../bridge/client.js';
import { Store } from '../state/store.js';

export interface SsoState {
  /** The profile being signed in, null when none is. */
  readonly profile: string | null;
  /** The code and page, once main has them. */
  readonly prompt: SsoPrompt | null;
  readonly error: string | null;
}

export interface SsoStoreDeps {
  readonly client: PortholeClient;
  /** Opens the verification page outside Porthole. */
  readonly open: (url: string) => void;
  /** After a sign-in: reload what the profile shows. */
  readonly signedIn: (profile: string) => void;
}

export class SsoStore extends Store<SsoState> {
  #started = false;

  constructor(private readonly deps: SsoStoreDeps) {
    super({ profile: null, prompt: null, error: null });
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.deps.client.on('auth', 'ssoPrompt', (prompt) => {
      if (prompt.profile !== this.state.profile) return;
      this.change((s) => ({ ...s, prompt }));
      this.deps.open(prompt.verificationUriComplete);
    });
  }

  async signIn(profile: string): Promise<void> {
    this.set({ profile, prompt: null, error: null });
    try {
      await this.deps.client.call('auth', 'ssoSignIn', { profile });
      if (this.state.profile !== profile) return;
      this.set({ profile: null, prompt: null, error: null });
      this.deps.signedIn(profile);
    } catch (err) {
      if (this.state.profile === profile) this.change((s) => ({ ...s, prompt: null, error: errorText(err) }));
    }
  }

  async cancel(): Promise<void> {
    const id = this.state.prompt?.signInId;
    this.set({ profile: null, prompt: null, error: null });
    if (id) await this.deps.client.call('auth', 'cancelSsoSignIn', { signInId: id }).catch(() => undefined);
  }
}
