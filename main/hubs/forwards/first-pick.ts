// A following forward's reply (to create, restart, a saved forward's Start) names the task its
// session starts on, not the one it was made on (that task may be gone): the reply waits for the
// forward's first pick of a task of its service. A pick that waits on a person (the profile's
// credential_process asking for a sign-in) is not waited for: the reply then names the service
// only, and the row says it is waiting, then names the task once picked (its `updated` event).

interface OpenPick {
  /** The forward's start began a pick (a following forward's first session looks for a task). */
  started: boolean;
  readonly release: () => void;
}

export class FirstPicks {
  readonly #open = new Map<string, OpenPick>();

  /** Runs `start` for forward `id` and, when it began a pick, waits for that pick to end or to wait on a person. */
  async around<T>(id: string, start: () => Promise<T>): Promise<T> {
    let release: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (release = resolve));
    const pick: OpenPick = { started: false, release };
    this.#open.set(id, pick);
    try {
      const out = await start();
      // The pick began inside `start` (the session start looks for a task before anything awaits).
      if (pick.started) await ended;
      return out;
    } finally {
      if (this.#open.get(id) === pick) this.#open.delete(id);
    }
  }

  /** A pick for `id` began: the callback its end (or its wait on a person) calls; a no-op when no reply waits. */
  began(id: string): () => void {
    const pick = this.#open.get(id);
    if (pick === undefined) return () => undefined;
    pick.started = true;
    return pick.release;
  }
}
