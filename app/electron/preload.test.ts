// Loads the real preload against a recording stand-in for electron's renderer modules (the
// Electron binary is absent here) and checks what it exposes and what it sends.
// Compiles the real preload to CommonJS in memory and runs it the way a sandboxed preload runs:
// a fresh context whose require() knows only 'electron' (here a recording stand-in, since the
// Electron binary is absent). Then checks what it exposes and what it sends.
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICES, type PreloadApi } from '../../shared/contract/index.js';

const recorded = {
  exposed: new Map<string, unknown>(),
  invoked: [] as Array<[string, unknown]>,
  sent: [] as string[],
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
  required: [] as string[],
};

const electronStandIn = {
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => recorded.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (channel: string, msg: unknown) => {
      recorded.invoked.push([channel, msg]);
      return Promise.resolve({ echoed: msg });
    },
    send: (channel: string) => recorded.sent.push(channel),
    on: (channel: string, handler: (event: unknown, ...args: unknown[]) => void) => recorded.handlers.set(channel, handler),
  },
};

async function compilePreload(): Promise<string> {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: join(import.meta.dirname, 'preload.cts'), formats: ['cjs'], fileName: 'preload' },
      rollupOptions: { external: ['electron'] },
    },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const first = Array.isArray(out) ? out[0] : out;
  const chunk = first?.output.find((o): o is Rollup.OutputChunk => o.type === 'chunk');
  if (chunk === undefined) throw new Error('vite produced no preload chunk');
  return chunk.code;
}

let api: PreloadApi;
beforeAll(async () => {
  const code = await compilePreload();
  const module = { exports: {} };
  const require = (name: string): unknown => {
    recorded.required.push(name);
    if (name === 'electron') return electronStandIn;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  runInNewContext(code, { require, module, exports: module.exports, Uint8Array });
  api = recorded.exposed.get('porthole') as PreloadApi;
});

describe('preload', () => {
  it('exposes exactly one object, and one function per contract method and event', () => {
    expect([...recorded.exposed.keys()]).toEqual(['porthole']);
    for (const [service, def] of Object.entries(SERVICES)) {
      const control = (api.control as Record<string, Record<string, unknown>>)[service] ?? {};
      const events = (api.events as Record<string, Record<string, unknown>>)[service] ?? {};
      expect(Object.keys(control).sort()).toEqual(Object.keys(def.methods).sort());
      expect(Object.keys(events).sort()).toEqual(Object.keys(def.events).sort());
      for (const fn of [...Object.values(control), ...Object.values(events)]) expect(typeof fn).toBe('function');
    }
  });

  it('never exposes ipcRenderer or anything shaped like it', () => {
    const seen = JSON.stringify(api, (_k, v: unknown) => (typeof v === 'function' ? `fn:${(v as { name: string }).name}` : v));
    expect(seen).not.toMatch(/invoke|sendSync|ipcRenderer|removeListener/);
  });

  it('requires nothing but electron, and asks main for its data port once at start', () => {
    expect(recorded.required).toEqual(['electron']);
    expect(recorded.sent).toEqual(['porthole:connect']);
  });

  it('builds the request envelope itself; the page supplies only params', async () => {
    const reply = await api.control.settings.update({ patch: { theme: 'dark' } });
    expect(recorded.invoked.at(-1)).toEqual(['porthole:control', { type: 'request', id: expect.any(Number), service: 'settings', method: 'update', params: { patch: { theme: 'dark' } } }]);
    expect(reply).toEqual({ echoed: recorded.invoked.at(-1)?.[1] });
  });

  it('routes pushed events to that event’s listeners only, and rejections to onRejected', () => {
    const changed: unknown[] = [];
    const rejected: unknown[] = [];
    const off = api.events.settings.changed((p) => changed.push(p));
    api.onRejected((r) => rejected.push(r));
    const push = recorded.handlers.get('porthole:push');
    push?.({}, { type: 'event', service: 'settings', event: 'changed', payload: { n: 1 } });
    push?.({}, { type: 'event', service: 'sessions', event: 'status', payload: { n: 2 } });
    push?.({}, { type: 'rejected', plane: 'data', error: { code: 'malformed', message: 'x' } });
    off();
    push?.({}, { type: 'event', service: 'settings', event: 'changed', payload: { n: 3 } });
    expect(changed).toEqual([{ n: 1 }]);
    expect(rejected).toEqual([{ type: 'rejected', plane: 'data', error: { code: 'malformed', message: 'x' } }]);
  });

  it('queues data until the port arrives, then sends in order and delivers incoming data', () => {
    api.data.input('s1', Uint8Array.of(1));
    api.data.resize('s1', 80, 24);
    const posted: unknown[] = [];
    const port = { postMessage: (m: unknown) => posted.push(m), onmessage: null as ((e: { data: unknown }) => void) | null };
    recorded.handlers.get('porthole:data-port')?.({ ports: [port] });
    api.data.ack('s1', 10);
    expect(posted).toEqual([
      { type: 'input_stream_data', sessionId: 's1', bytes: Uint8Array.of(1) },
      { type: 'resize', sessionId: 's1', cols: 80, rows: 24 },
      { type: 'ack', sessionId: 's1', bytes: 10 },
    ]);
    const got: unknown[] = [];
    api.data.onMessage((m) => got.push(m));
    port.onmessage?.({ data: { type: 'output_stream_data', sessionId: 's1', bytes: Uint8Array.of(104) } });
    expect(got).toEqual([{ type: 'output_stream_data', sessionId: 's1', bytes: Uint8Array.of(104) }]);
  });
});
