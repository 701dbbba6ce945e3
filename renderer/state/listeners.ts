// The renderer's one event emitter (the bridge's events, Store<T>, the terminal registry), with
// main's semantics (main/ssm/util/emitter.ts): every listener runs, and a listener that throws
// does not stop the others nor unwind the code that emitted. Its error goes to the page's own
// report path, reportError(): the window's 'error' event and the console, as an uncaught error
// would, without interrupting the emit. (Where there is no reportError, as in Node-run tests,
// console.error.)

type Listener<T extends unknown[]> = (...args: T) => void;

function report(error: unknown): void {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else console.error('porthole: a listener threw (the other listeners still ran):', error);
}

export class Listeners<T extends unknown[]> {
  readonly #set = new Set<Listener<T>>();

  /** Subscribe; returns the unsubscribe function. */
  add(listener: Listener<T>): () => void {
    this.#set.add(listener);
    return () => void this.#set.delete(listener);
  }

  emit(...args: T): void {
    for (const listener of [...this.#set]) {
      try {
        listener(...args);
      } catch (error) {
        report(error);
      }
    }
  }
}
