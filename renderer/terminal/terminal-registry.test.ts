// The registry with the terminal code loading lazily: sessions created before it arrives get
// their controller when it does, with the output and status held meanwhile; a session closed
// meanwhile never gets one; a failed load is told and the next terminal tries again.
import { describe, expect, it } from 'vitest';
import type { SessionStatus, ToRendererData } from '../../shared/contract/index.js';
import type { TerminalController, TerminalHost, TerminalLook } from './terminal-controller.js';
import { TerminalRegistry, type ControllerFactory } from './terminal-registry.js';

/** Stands in for TerminalController: records what it was given. */
class FakeController {
  readonly written: string[] = [];
  disposed = false;
  constructor(
    readonly sessionId: string,
    readonly size: { cols: number; rows: number } | undefined,
  ) {}
  write(bytes: Uint8Array): void {
    this.written.push(new TextDecoder().decode(bytes));
  }
  dispose(): void {
    this.disposed = true;
  }
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup() {
  let emit: (msg: ToRendererData) => void = () => undefined;
  const source = { onData: (l: (msg: ToRendererData) => void) => ((emit = l), () => undefined) };
  const loads: Array<ReturnType<typeof deferred<ControllerFactory>>> = [];
  const statuses: Array<[string, SessionStatus['state']]> = [];
  const failures: string[] = [];
  const built: FakeController[] = [];
  const factory: ControllerFactory = (id, _host, _look, size) => {
    const c = new FakeController(id, size ? { cols: size.cols, rows: size.rows } : undefined);
    built.push(c);
    return c as unknown as TerminalController;
  };
  const registry = new TerminalRegistry(source, {} as TerminalHost, (id, s) => statuses.push([id, s.state]), {
    load: () => {
      const d = deferred<ControllerFactory>();
      loads.push(d);
      return d.promise;
    },
    loadFailed: (m) => failures.push(m),
  });
  const out = (sessionId: string, text: string): void => emit({ type: 'output_stream_data', sessionId, bytes: new TextEncoder().encode(text) });
  const status = (sessionId: string, state: 'connected' | 'closed'): void => emit({ type: 'status', sessionId, status: { state } });
  return { registry, loads, statuses, failures, built, factory, out, status };
}

const look = {} as TerminalLook;
const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('TerminalRegistry with the terminal code loaded on first use', () => {
  it('builds the controllers asked for while loading, replays their held output and status, and tells subscribers', async () => {
    const t = setup();
    let told = 0;
    t.registry.subscribe(() => told++);
    t.out('a', 'before-create ');
    t.registry.create('a', look, { cols: 100, rows: 30 });
    t.status('a', 'connected');
    t.out('a', 'while-loading');
    t.registry.create('b', look);
    expect(t.registry.get('a')).toBeUndefined();
    expect(t.loads).toHaveLength(1); // one load for both
    t.loads[0]?.resolve(t.factory);
    await flush();
    const a = t.registry.get('a') as unknown as FakeController;
    expect(a.written).toEqual(['before-create ', 'while-loading']);
    expect(a.size).toEqual({ cols: 100, rows: 30 });
    expect(t.registry.get('b')).toBeDefined();
    expect(told).toBe(1);
    // Status was told as it came, and once more when the controller was built (it sets the terminal live).
    expect(t.statuses).toEqual([
      ['a', 'connected'],
      ['a', 'connected'],
    ]);
    // From now on output goes straight to the controller and create is immediate.
    t.out('a', '!');
    expect(a.written.at(-1)).toBe('!');
    t.registry.create('c', look);
    expect(t.registry.get('c')).toBeDefined();
    expect(told).toBe(2);
    expect(t.loads).toHaveLength(1);
  });

  it('never builds a controller for a session disposed while the code was loading', async () => {
    const t = setup();
    t.registry.create('gone', look);
    t.out('gone', 'x');
    t.registry.dispose('gone');
    t.loads[0]?.resolve(t.factory);
    await flush();
    expect(t.registry.get('gone')).toBeUndefined();
    expect(t.built).toHaveLength(0);
  });

  it('tells a failed load once, keeps the held output, and loads again for the next terminal', async () => {
    const t = setup();
    t.registry.create('a', look);
    t.out('a', 'kept');
    t.loads[0]?.reject(new Error('chunk 404'));
    await flush();
    expect(t.failures).toHaveLength(1);
    expect(t.failures[0]).toContain('chunk 404');
    expect(t.registry.loadError).toBe('chunk 404'); // the waiting tabs say so
    expect(t.registry.get('a')).toBeUndefined();
    t.registry.create('b', look);
    expect(t.loads).toHaveLength(2);
    t.loads[1]?.resolve(t.factory);
    await flush();
    expect((t.registry.get('a') as unknown as FakeController).written).toEqual(['kept']);
    expect(t.registry.loadError).toBeNull();
    expect(t.registry.get('b')).toBeDefined();
  });

  it('prepare() loads ahead so the first create is immediate', async () => {
    const t = setup();
    const ready = t.registry.prepare();
    t.loads[0]?.resolve(t.factory);
    await ready;
    t.registry.create('a', look);
    expect(t.registry.get('a')).toBeDefined();
    expect(t.loads).toHaveLength(1);
  });
});
