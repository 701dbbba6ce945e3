// A minimal external store for UI metadata (tabs, tree, forwards). React reads it through
// useSyncExternalStore, so stores live outside components and survive StrictMode's double mount.
import { useSyncExternalStore } from 'react';
import { Listeners } from './listeners.js';

export class Store<T> {
  #state: T;
  readonly #listeners = new Listeners<[]>();

  constructor(initial: T) {
    this.#state = initial;
  }

  get state(): T {
    return this.#state;
  }

  protected set(next: T): void {
    if (Object.is(next, this.#state)) return;
    this.#state = next;
    this.#listeners.emit();
  }

  protected change(next: (s: T) => T): void {
    this.set(next(this.#state));
  }

  subscribe = (listener: () => void): (() => void) => this.#listeners.add(listener);

  getSnapshot = (): T => this.#state;
}

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * One value derived from a store, re-rendering only when it changes: `select` must return a
 * primitive (or the same object) for equal states, e.g. a string built from the state.
 */
export function useStoreValue<T, V>(store: Store<T>, select: (state: T) => V): V {
  const value = (): V => select(store.getSnapshot());
  // The same value when rendered to a string (unit tests render components that way).
  return useSyncExternalStore(store.subscribe, value, value);
}
