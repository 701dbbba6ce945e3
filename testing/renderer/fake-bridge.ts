// Test support: a window's bridge to a host that answers each control request from the test, and
// whose events the test sends. Renderer stores' tests build their PortholeClient on it. Type-checked
// by tsconfig.tests.json (with the renderer tests), not by testing/'s own project, which has no
// renderer and no DOM.
import type { Bridge } from '../../renderer/bridge/types.js';

/** What the host answers to `method` (its result); a rejection fails the request. */
export type FakeAnswer = (method: string, params: unknown) => unknown;

export interface FakeBridge {
  readonly bridge: Bridge;
  /** Delivers a host event (contract name, e.g. `changed`) to whoever listens for it. */
  readonly emit: (event: string, payload: unknown) => void;
}

export function fakeBridge(answer: FakeAnswer): FakeBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const bridge: Bridge = {
    linked: Promise.resolve(),
    request: async (_service, method, params) => ({ type: 'response', id: 1, ok: true, result: await answer(method, params) }),
    onEvent: (_service, event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    onRejected: () => () => undefined,
    sendData: () => undefined,
    onData: () => () => undefined,
    onDisconnect: () => () => undefined,
    openLink: (_url, _purpose, viaHost) => viaHost(),
    guardUnload: () => () => undefined,
    browserKeys: true,
    showsFiles: false,
  };
  return { bridge, emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)) };
}

/** Lets every pending request, and the requests their answers start, finish (the host answers at once). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
