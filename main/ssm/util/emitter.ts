// The one event emitter of main/ (node:events is not used for our own classes): listeners are
// typed per event, and every listener runs. A listener that throws is a bug in that listener,
// not in the code that emitted: its error is reported through main/process (the safety net's
// log in a host, stderr elsewhere) and the emit carries on with the next listener. Rethrowing
// would skip the other listeners and unwind the emitter's caller (a data channel mid-frame);
// rethrowing later would be an uncaught exception that, without a safety net, ends the process.
import { reportUncaught } from '../../process/report.js';

type Listener<A extends unknown[]> = (...args: A) => void;

export class Emitter<Events extends { [K in keyof Events]: unknown[] }> {
  private readonly listeners: { [K in keyof Events]?: Set<Listener<Events[K]>> } = {};
  /**
   * Each event's listeners as an array, made on the first emit after a change and then reused:
   * an emit runs the listeners subscribed when it began (a copy per emit did the same, but cost
   * an array per emit, and a forward's data channel emits 'acked' once per 1 KB it sends). A
   * change makes a new array, so an emit under way keeps iterating the one it took.
   */
  private snapshots: { [K in keyof Events]?: ReadonlyArray<Listener<Events[K]>> } = {};

  /** Subscribe; returns the unsubscribe function. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const set = (this.listeners[event] ??= new Set<Listener<Events[K]>>());
    set.add(listener);
    delete this.snapshots[event];
    return () => this.#unlisten(event, set, listener);
  }

  /** Subscribe for the next emit only; returns the unsubscribe function. */
  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const off = this.on(event, (...args) => {
      off();
      listener(...args);
    });
    return off;
  }

  /** The arguments of the next emit of `event`. */
  next<K extends keyof Events>(event: K): Promise<Events[K]> {
    return new Promise((resolve) => this.once(event, (...args) => resolve(args)));
  }

  /** Unsubscribe a listener given to on() (once() listeners: use the function once() returned). */
  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void {
    const set = this.listeners[event];
    if (set) this.#unlisten(event, set, listener);
  }

  #unlisten<K extends keyof Events>(event: K, set: Set<Listener<Events[K]>>, listener: Listener<Events[K]>): boolean {
    const removed = set.delete(listener);
    if (removed) delete this.snapshots[event];
    return removed;
  }

  listenerCount<K extends keyof Events>(event: K): number {
    return this.listeners[event]?.size ?? 0;
  }

  protected emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    const set = this.listeners[event];
    if (!set) return;
    const listeners = (this.snapshots[event] ??= [...set]);
    for (const listener of listeners) {
      try {
        listener(...args);
      } catch (error) {
        reportUncaught(`a listener for "${String(event)}" threw (the other listeners still ran)`, error);
      }
    }
  }

  protected removeAllListeners(): void {
    for (const key of Object.keys(this.listeners) as Array<keyof Events>) delete this.listeners[key];
    this.snapshots = {};
  }
}
