// A minimal typed event emitter: listeners are typed per event, errors in one listener do not
// stop the others. A listener's error is logged, not rethrown: rethrowing (even later, in a
// microtask) would be an uncaught exception that ends the process and every session in it.

/** Where listener errors go; stderr with the stack, so the bug is still visible. */
function reportListenerError(event: PropertyKey, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`porthole: a listener for "${String(event)}" threw (the other listeners still ran):\n${detail}`);
}

type Listener<A extends unknown[]> = (...args: A) => void;

export class Emitter<Events extends { [K in keyof Events]: unknown[] }> {
  private readonly listeners: { [K in keyof Events]?: Set<Listener<Events[K]>> } = {};

  /** Subscribe; returns the unsubscribe function. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const set = (this.listeners[event] ??= new Set<Listener<Events[K]>>());
    set.add(listener);
    return () => set.delete(listener);
  }

  protected emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    const set = this.listeners[event];
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch (error) {
        reportListenerError(event, error);
      }
    }
  }

  protected removeAllListeners(): void {
    for (const key of Object.keys(this.listeners) as Array<keyof Events>) delete this.listeners[key];
  }
}
