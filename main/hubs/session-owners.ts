// Which window owns which shell session: the sessions service records it, the inspector
// checks it, so one window can neither drive nor watch another window's sessions.

export class SessionOwners {
  readonly #byClient = new Map<string, Set<string>>();

  add(clientId: string, sessionId: string): void {
    let set = this.#byClient.get(clientId);
    if (set === undefined) {
      set = new Set();
      this.#byClient.set(clientId, set);
    }
    set.add(sessionId);
  }

  remove(clientId: string, sessionId: string): void {
    this.#byClient.get(clientId)?.delete(sessionId);
  }

  owns(clientId: string, sessionId: string): boolean {
    return this.#byClient.get(clientId)?.has(sessionId) ?? false;
  }

  /** Whether this window was seen before (its close listener is installed once). */
  knows(clientId: string): boolean {
    return this.#byClient.has(clientId);
  }

  ids(clientId: string): ReadonlySet<string> {
    return this.#byClient.get(clientId) ?? new Set();
  }

  /** Forgets a window and returns the sessions it owned. */
  release(clientId: string): string[] {
    const ids = [...(this.#byClient.get(clientId) ?? [])];
    this.#byClient.delete(clientId);
    return ids;
  }
}
