// Sessions whose window went away (a reload, a dropped web host link), each waiting for a window
// to take it back. Each has a deadline: after the grace period it is ended (TerminateSession),
// so a forgotten shell does not hold an AWS session open indefinitely.
import { SESSION_HANDOVER } from '../../shared/contract/index.js';

interface Waiting {
  readonly timer: NodeJS.Timeout;
  readonly expiresAt: number;
}

export class WaitingSessions {
  readonly #waiting = new Map<string, Waiting>();

  /** `graceMs` is injected by tests; the app uses SESSION_HANDOVER.GRACE_MS. */
  constructor(private readonly graceMs: number = SESSION_HANDOVER.GRACE_MS) {}

  /** Starts the session's grace period; `expire` runs if no window takes it in time. */
  hold(sessionId: string, expire: (sessionId: string) => void): void {
    this.take(sessionId);
    const timer = setTimeout(() => {
      this.#waiting.delete(sessionId);
      expire(sessionId);
    }, this.graceMs);
    // A waiting session must not keep a CLI or test process alive on its own.
    timer.unref();
    this.#waiting.set(sessionId, { timer, expiresAt: Date.now() + this.graceMs });
  }

  /** A window took the session (or it closed): its deadline is cancelled. Returns whether it was waiting. */
  take(sessionId: string): boolean {
    const w = this.#waiting.get(sessionId);
    if (w === undefined) return false;
    clearTimeout(w.timer);
    this.#waiting.delete(sessionId);
    return true;
  }

  has(sessionId: string): boolean {
    return this.#waiting.has(sessionId);
  }

  /** When the session will be ended unless a window takes it (epoch ms), or undefined when not waiting. */
  expiresAt(sessionId: string): number | undefined {
    return this.#waiting.get(sessionId)?.expiresAt;
  }

  /** Cancels every deadline (the app is shutting down and closes all sessions itself). */
  clear(): void {
    for (const w of this.#waiting.values()) clearTimeout(w.timer);
    this.#waiting.clear();
  }
}
