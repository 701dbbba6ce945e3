// Closing a window (or quitting) while shells are live asks first, as closing a live tab does.
// Free of electron imports so it is unit-tested: main.ts only wires events and the dialog.
import { SessionInfoSchema, type ControlResponse, type SessionState } from '../../shared/contract/index.js';
import { z } from 'zod';

/** Button order of the native dialog; Cancel is the default, so Enter never ends sessions by accident. */
export const CLOSE_BUTTONS = { confirm: 0, cancel: 1 } as const;

export type CloseKind = 'window' | 'quit';

/** What the native message box shows (a subset of Electron's MessageBoxOptions). */
export interface CloseQuestion {
  readonly type: 'warning';
  readonly title: string;
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly [string, string];
  readonly defaultId: number;
  readonly cancelId: number;
}

/** The window's live sessions could not be listed; the person is asked anyway. */
export class SessionCountError extends Error {
  override readonly name = 'SessionCountError';
}

const isLive = (state: SessionState): boolean => state !== 'closed';

const ListResultSchema = z.object({ sessions: z.array(SessionInfoSchema) });

/** Live sessions in a `sessions.list` response, or why they could not be counted. */
export function countLiveSessions(response: ControlResponse): number | SessionCountError {
  if (!response.ok) return new SessionCountError(`Could not list the window's sessions: ${response.error.message}`);
  const parsed = ListResultSchema.safeParse(response.result);
  if (!parsed.success) return new SessionCountError('The sessions list did not match the contract.');
  return parsed.data.sessions.filter((s) => isLive(s.status.state)).length;
}

/** null when nothing is open (or the person turned the confirmation off): close at once. */
export function closeQuestion(kind: CloseKind, live: number | SessionCountError, confirmCloseLive: boolean): CloseQuestion | null {
  if (!confirmCloseLive || live === 0) return null;
  const what = kind === 'quit' ? 'Quitting Porthole' : 'Closing this window';
  const message =
    typeof live === 'number' ? `${live} ${live === 1 ? 'session is' : 'sessions are'} still open — close ${live === 1 ? 'it' : 'them'}?` : 'Sessions may still be open — close them?';
  const detail = `${what} ends every shell in it and anything running there.${live instanceof SessionCountError ? ` (${live.message})` : ''}`;
  return {
    type: 'warning',
    title: kind === 'quit' ? 'Quit Porthole' : 'Close window',
    message,
    detail,
    buttons: [kind === 'quit' ? 'Quit' : 'Close sessions', 'Cancel'],
    defaultId: CLOSE_BUTTONS.cancel,
    cancelId: CLOSE_BUTTONS.cancel,
  };
}

/** Adds counts from several windows; one uncountable window makes the total uncountable. */
export function sumLive(counts: readonly (number | SessionCountError)[]): number | SessionCountError {
  let total = 0;
  for (const c of counts) {
    if (c instanceof SessionCountError) return c;
    total += c;
  }
  return total;
}

export interface CloseGuardDeps {
  /** Live sessions now (this window's, or every window's for quit). */
  readonly count: () => Promise<number | SessionCountError>;
  /** settings.confirmCloseLive. */
  readonly confirmEnabled: () => Promise<boolean>;
  /** Shows the question; resolves with the button index. */
  readonly ask: (q: CloseQuestion) => Promise<number>;
}

/**
 * Electron's close and before-quit events must be cancelled synchronously while the question is
 * asked asynchronously; once the answer is yes, the close is redone and let through.
 */
export class CloseGuard {
  #approved = false;
  #asking = false;

  constructor(
    private readonly kind: CloseKind,
    private readonly deps: CloseGuardDeps,
  ) {}

  /** Let every later close through (quit approved, so its windows close without asking again). */
  approve(): void {
    this.#approved = true;
  }

  get approved(): boolean {
    return this.#approved;
  }

  /**
   * Called from the close event. true: let it close now. false: the caller cancels the event;
   * `redo` runs once the person agreed (or nothing was open after all).
   */
  onClose(redo: () => void): boolean {
    if (this.#approved) return true;
    if (this.#asking) return false;
    this.#asking = true;
    void this.#decide()
      // A broken guard must not trap the person in a window they cannot close.
      .catch(() => true)
      .then((ok) => {
        this.#asking = false;
        if (!ok) return;
        this.#approved = true;
        redo();
      });
    return false;
  }

  async #decide(): Promise<boolean> {
    const [live, enabled] = await Promise.all([this.deps.count(), this.deps.confirmEnabled()]);
    const q = closeQuestion(this.kind, live, enabled);
    if (q === null) return true;
    return (await this.deps.ask(q)) === CLOSE_BUTTONS.confirm;
  }
}
