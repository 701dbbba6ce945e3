import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ControlRejectedSchema, DEFAULT_SETTINGS, InputRefusedError, type ToRendererControl, type ToRendererData } from '../../shared/contract/index.js';
import { failed } from './errors.js';
import { createBaseRouter } from '../../testing/ipc/base-router.js';
import type { HostEnv } from './host-env.js';
import type { ClientTransport, Router } from './router.js';
import type { SessionDataHandler } from './service.js';

class RecordingTransport implements ClientTransport {
  readonly control: ToRendererControl[] = [];
  readonly data: ToRendererData[] = [];
  sendControl(msg: ToRendererControl): void {
    this.control.push(msg);
  }
  sendData(msg: ToRendererData): void {
    this.data.push(msg);
  }
}

let dataDir: string;
let env: HostEnv;
let router: Router;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'porthole-router-'));
  env = { host: 'web', version: '9.9.9', platform: 'linux', dataDir, sandbox: null };
  router = createBaseRouter(env).router;
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const request = (id: number, service: string, method: string, params: unknown = {}) => ({ type: 'request', id, service, method, params });

describe('control plane', () => {
  it('answers app.info from the host environment', async () => {
    const c = router.connect(new RecordingTransport());
    expect(await c.handleControl(request(1, 'app', 'info'))).toEqual({
      type: 'response',
      id: 1,
      ok: true,
      result: { version: '9.9.9', host: 'web', platform: 'linux', sandbox: { active: false, endpoint: null, shells: null } },
    });
  });

  it('persists a settings update and tells every window', async () => {
    const ta = new RecordingTransport();
    const tb = new RecordingTransport();
    const a = router.connect(ta);
    router.connect(tb);
    const res = await a.handleControl(request(2, 'settings', 'update', { patch: { theme: 'light', fontSize: 15 } }));
    expect(res).toMatchObject({ ok: true, result: { settings: { ...DEFAULT_SETTINGS, theme: 'light', fontSize: 15 } } });
    const onDisk: unknown = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'));
    expect(onDisk).toMatchObject({ theme: 'light', fontSize: 15 });
    for (const t of [ta, tb]) expect(t.control).toContainEqual({ type: 'event', service: 'settings', event: 'changed', payload: { settings: expect.objectContaining({ theme: 'light' }) } });
    const fresh = createBaseRouter(env).router.connect(new RecordingTransport());
    expect(await fresh.handleControl(request(3, 'settings', 'get'))).toMatchObject({ ok: true, result: { settings: { theme: 'light', fontSize: 15 } } });
  });

  it('keeps the layout keys and region choices two windows change at once, and refuses them whole in an update', async () => {
    const a = router.connect(new RecordingTransport());
    const b = router.connect(new RecordingTransport());
    const [ra, rb] = await Promise.all([
      a.handleControl(request(1, 'settings', 'changeLayout', { change: { treeWidth: 420 } })),
      b.handleControl(request(1, 'settings', 'changeLayout', { change: { panelHeight: 300 } })),
      a.handleControl(request(2, 'settings', 'changeRegion', { profile: 'dev', region: 'eu-west-1', change: 'add' })),
      b.handleControl(request(2, 'settings', 'changeRegion', { profile: 'prod', region: 'us-east-2', change: 'add' })),
    ]);
    expect([ra, rb]).toMatchObject([{ ok: true }, { ok: true }]);
    const onDisk = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as typeof DEFAULT_SETTINGS;
    expect(onDisk.layout).toEqual({ ...DEFAULT_SETTINGS.layout, treeWidth: 420, panelHeight: 300 });
    expect(onDisk.regions).toEqual({ dev: { added: ['eu-west-1'], removed: [] }, prod: { added: ['us-east-2'], removed: [] } });
    // A window's whole copy of either would overwrite the other's: an update cannot carry them.
    expect(await a.handleControl(request(3, 'settings', 'update', { patch: { layout: DEFAULT_SETTINGS.layout } }))).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(await a.handleControl(request(4, 'settings', 'update', { patch: { regions: {} } }))).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(await a.handleControl(request(5, 'settings', 'changeLayout', { change: { treeWidth: 5 } }))).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
  });

  it('remembers opened targets newest first, once each, persisted, and refuses a bad entry', async () => {
    const c = router.connect(new RecordingTransport());
    const entry = (name: string) => ({
      nodeId: `container:${name}`,
      kind: 'container',
      label: name,
      where: 'sandbox · us-east-1 · demo-web',
      title: `${name} · 000001`,
      target: { kind: 'ecs-container', profile: 'sandbox', region: 'us-east-1', cluster: 'demo-web', taskArn: 'arn:aws:ecs:us-east-1:1:task/demo-web/1', containerName: name, runtimeId: 'r-1' },
    });
    for (const name of ['a', 'b', 'a']) expect(await c.handleControl(request(1, 'settings', 'rememberTarget', { entry: entry(name) }))).toMatchObject({ ok: true });
    const onDisk = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as { recentTargets: Array<{ label: string }> };
    expect(onDisk.recentTargets.map((r) => r.label)).toEqual(['a', 'b']);
    const bad = await c.handleControl(request(2, 'settings', 'rememberTarget', { entry: { ...entry('c'), target: { kind: 'instance', profile: 'sandbox', region: 'nowhere' } } }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    // Recent targets change only one at a time: a patch cannot overwrite them.
    expect(await c.handleControl(request(3, 'settings', 'update', { patch: { recentTargets: [] } }))).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    const fresh = createBaseRouter(env).router.connect(new RecordingTransport());
    const got = await fresh.handleControl(request(4, 'settings', 'get'));
    if (!got.ok) throw new Error('settings.get failed');
    expect((got.result as { settings: { recentTargets: Array<{ label: string }> } }).settings.recentTargets.map((r) => r.label)).toEqual(['a', 'b']);
  });

  it('keeps valid fields of a damaged settings file and defaults the rest', async () => {
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ theme: 'dark', fontSize: 'huge', unknownField: 1 }));
    const c = createBaseRouter(env).router.connect(new RecordingTransport());
    expect(await c.handleControl(request(1, 'settings', 'get'))).toMatchObject({ ok: true, result: { settings: { ...DEFAULT_SETTINGS, theme: 'dark' } } });
  });

  it.each([
    ['a string', 'not a request', null, 'malformed', /Malformed control request/],
    ['a missing method', { type: 'request', id: 4, service: 'app', params: {} }, 4, 'malformed', /method/],
    ['an unknown method', request(5, 'app', 'reboot'), 5, 'unknown_method', /app\.reboot/],
    ['invalid params', request(6, 'settings', 'update', { patch: { theme: 'neon' } }), 6, 'invalid_params', /params\.patch\.theme/],
    ['an area nobody implemented yet', request(7, 'diagnostics', 'run', { target: { kind: 'instance', profile: 'p', region: 'us-east-1', instanceId: 'i-0123456789abcdef0' } }), 7, 'not_available', /diagnostics\.run is not available yet/],
  ])('rejects %s with a clear error', async (_what, raw, id, code, message) => {
    const c = router.connect(new RecordingTransport());
    const res = await c.handleControl(raw);
    expect(res).toMatchObject({ type: 'response', id, ok: false, error: { code } });
    if (res.ok) throw new Error('expected failure');
    expect(res.error.message).toMatch(message);
  });

  it('reports what an implementation threw, in plain words, and checks what it returned', async () => {
    router.register('diagnostics', {
      run: ({ target }) => {
        if (target.kind === 'instance') throw failed('The instance is not managed by SSM.', 'Attach the AmazonSSMManagedInstanceCore policy.');
        return { checks: [{ id: 'x', title: 'x', status: 'maybe' as 'ok', cause: '', nextStep: '' }] };
      },
    });
    const c = router.connect(new RecordingTransport());
    const inst = { kind: 'instance', profile: 'p', region: 'us-east-1', instanceId: 'i-0123456789abcdef0' };
    expect(await c.handleControl(request(1, 'diagnostics', 'run', { target: inst }))).toEqual({
      type: 'response',
      id: 1,
      ok: false,
      error: { code: 'failed', message: 'The instance is not managed by SSM.', nextStep: 'Attach the AmazonSSMManagedInstanceCore policy.' },
    });
    const ctr = { kind: 'ecs-container', profile: 'p', region: 'us-east-1', cluster: 'c', taskArn: 't', containerName: 'n', runtimeId: 'r' };
    const bad = await c.handleControl(request(2, 'diagnostics', 'run', { target: ctr }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_result' } });
    if (!bad.ok) expect(bad.error.message).toContain('result.checks.0.status');
  });

  it('turns an unexpected exception into an internal error without a stack', async () => {
    router.register('auth', { respondMfa: () => Promise.reject(new TypeError('boom')), ssoSignIn: () => Promise.reject(new Error('unused')), cancelSsoSignIn: () => ({ cancelled: false }) });
    const res = await router.connect(new RecordingTransport()).handleControl(request(1, 'auth', 'respondMfa', { action: 'cancel', promptId: 'p1' }));
    expect(res).toEqual({ type: 'response', id: 1, ok: false, error: { code: 'internal', message: 'auth.respondMfa failed unexpectedly: boom' } });
  });
});

describe('data plane and per-client fan-out', () => {
  function attachRecorder(c: ReturnType<Router['connect']>, sessionId: string): string[] {
    const seen: string[] = [];
    const handler: SessionDataHandler = {
      input: (b) => seen.push(`input:${Buffer.from(b).toString()}`),
      ack: (n) => seen.push(`ack:${n}`),
      resize: (cols, rows) => seen.push(`resize:${cols}x${rows}`),
    };
    c.attachSession(sessionId, handler);
    return seen;
  }

  it('routes a client’s data to its own session handler only', () => {
    const ta = new RecordingTransport();
    const tb = new RecordingTransport();
    const a = router.connect(ta);
    const b = router.connect(tb);
    const seen = attachRecorder(a, 's1');
    expect(a.handleData({ type: 'input_stream_data', sessionId: 's1', bytes: new TextEncoder().encode('ls\r') })).toBeNull();
    expect(a.handleData({ type: 'ack', sessionId: 's1', bytes: 4096 })).toBeNull();
    expect(a.handleData({ type: 'resize', sessionId: 's1', cols: 120, rows: 40 })).toBeNull();
    expect(seen).toEqual(['input:ls\r', 'ack:4096', 'resize:120x40']);
    const err = b.handleData({ type: 'input_stream_data', sessionId: 's1', bytes: Uint8Array.of(3) });
    expect(err?.message).toMatch(/session s1 refused: that session is not open in this window/);
    // The refusal names the session and the size, so that window's tab can say what was not sent.
    expect(tb.control).toEqual([{ type: 'rejected', plane: 'data', error: { code: 'malformed', message: err?.message }, input: { sessionId: 's1', bytes: 1, why: 'closed', kind: 'keys' } }]);
    expect(seen).toHaveLength(3);
  });

  it('tells which session’s input a handler refused, why and how big, and nothing of that for other data', () => {
    const t = new RecordingTransport();
    const client = router.connect(t);
    client.attachSession('s1', {
      input: () => {
        throw new InputRefusedError('starting', 'Input refused: too much while the session starts.');
      },
      ack: () => undefined,
      resize: () => {
        throw new Error('no resize');
      },
    });
    client.handleData({ type: 'input_stream_data', sessionId: 's1', bytes: new Uint8Array(70_000), kind: 'paste' });
    client.handleData({ type: 'input_stream_data', sessionId: 's1', bytes: new Uint8Array(3) });
    client.handleData({ type: 'resize', sessionId: 's1', cols: 80, rows: 24 });
    // The kind each came as is said back: the tab's words depend on it (input-notice.ts).
    expect(t.control).toEqual([
      { type: 'rejected', plane: 'data', error: { code: 'failed', message: 'Input refused: too much while the session starts.' }, input: { sessionId: 's1', bytes: 70_000, why: 'starting', kind: 'paste' } },
      { type: 'rejected', plane: 'data', error: { code: 'failed', message: 'Input refused: too much while the session starts.' }, input: { sessionId: 's1', bytes: 3, why: 'starting', kind: 'keys' } },
      { type: 'rejected', plane: 'data', error: expect.objectContaining({ code: 'internal' }) as unknown },
    ]);
    for (const sent of t.control) expect(ControlRejectedSchema.safeParse(sent).success).toBe(true);
  });

  it.each([
    ['bytes as a plain array', { type: 'input_stream_data', sessionId: 's1', bytes: [108, 115] }, /bytes: must be bytes/],
    ['output sent by a renderer', { type: 'output_stream_data', sessionId: 's1', bytes: Uint8Array.of(1) }, /type/],
    ['a zero-column resize', { type: 'resize', sessionId: 's1', cols: 0, rows: 10 }, /cols/],
    ['a bad session id', { type: 'ack', sessionId: '../etc', bytes: 1 }, /sessionId/],
    ['null', null, /Malformed data message from renderer/],
  ])('rejects %s with a clear error and keeps serving', async (_what, raw, message) => {
    const t = new RecordingTransport();
    const c = router.connect(t);
    const seen = attachRecorder(c, 's1');
    expect(c.handleData(raw)?.message).toMatch(message);
    expect(t.control[0]).toMatchObject({ type: 'rejected', plane: 'data', error: { code: 'malformed' } });
    expect(seen).toEqual([]);
    expect(await c.handleControl(request(1, 'app', 'info'))).toMatchObject({ ok: true });
  });

  it('sends output only to the window that attached the session', () => {
    const ta = new RecordingTransport();
    const tb = new RecordingTransport();
    const a = router.connect(ta);
    const b = router.connect(tb);
    attachRecorder(a, 's1');
    a.sendData({ type: 'output_stream_data', sessionId: 's1', bytes: Uint8Array.of(104, 105) });
    expect(ta.data).toEqual([{ type: 'output_stream_data', sessionId: 's1', bytes: Uint8Array.of(104, 105) }]);
    expect(() => b.sendData({ type: 'output_stream_data', sessionId: 's1', bytes: Uint8Array.of(1) })).toThrow(/has not attached it/);
    expect(tb.data).toEqual([]);
  });

  it('validates emitted events and runs close listeners once', () => {
    const t = new RecordingTransport();
    const c = router.connect(t);
    c.emit('sessions', 'status', { id: 's1', status: { state: 'connected' } });
    expect(t.control).toEqual([{ type: 'event', service: 'sessions', event: 'status', payload: { id: 's1', status: { state: 'connected' } } }]);
    expect(() => c.emit('sessions', 'status', { id: 's1', status: { state: 'weird' as 'closed' } })).toThrow(/payload\.status\.state/);
    let closes = 0;
    c.onClose(() => closes++);
    const before = router.connectionCount;
    c.close();
    c.close();
    expect(closes).toBe(1);
    expect(router.connectionCount).toBe(before - 1);
  });
});
