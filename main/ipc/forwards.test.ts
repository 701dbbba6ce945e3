// Forwards through the router against the sandbox: a real listener, real port sessions, HTTP
// bytes through them, and the stats and updates every window is told.
import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ForwardInfo, ForwardStats } from '../../shared/contract/index.js';
import { sandboxAppPerFile } from '../../testing/composition/app-per-file.js';
import { DEMO_APP } from '../../testing/composition/sandbox-app.js';
import { eventually, type TestClient } from '../../testing/composition/test-client.js';

const app = sandboxAppPerFile();
let c: TestClient;
let other: TestClient;
beforeAll(() => {
  c = app.window();
  other = app.window();
});

function httpGet(port: number, path = '/'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject);
  });
}

const spec = { target: DEMO_APP.web, remotePort: 8080, localPort: 'auto' as const, name: 'web http' };

describe('forwards service over the sandbox', () => {
  it('moves HTTP bytes through a forward and reports its stats to every window', async () => {
    const { forward } = await c.call('forwards', 'create', { spec });
    expect(forward).toMatchObject({ spec: { ...spec, bindAddress: '127.0.0.1', autoRestart: false }, error: null });
    expect(forward.localPort).toEqual(expect.any(Number));
    const port = forward.localPort ?? 0;
    const res = await httpGet(port);
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/^hello from .+ port 8080\n$/);
    const large = await httpGet(port, '/large?bytes=200000');
    expect(large.body.length).toBe(200_000);

    const statsOf = (client: TestClient) => client.eventsOf('forwards', 'stats') as ForwardStats[];
    for (const client of [c, other]) {
      await eventually('stats with the bytes moved', () => statsOf(client).some((s) => s.id === forward.id && s.bytesDown >= 200_000 && s.bytesUp > 0));
    }
    const listed = (await other.call('forwards', 'list', {})).forwards;
    expect(listed).toContainEqual(expect.objectContaining({ id: forward.id, state: 'listening', localPort: port }));

    const stopped = (await c.call('forwards', 'stop', { id: forward.id })).forward;
    expect(stopped).toMatchObject({ state: 'stopped', localPort: null });
    await expect(httpGet(port)).rejects.toThrow(/ECONNREFUSED/);
    // A window that loads now (a page reload) lists the stopped forward with its last totals, not
    // zeros: stats events go to running forwards only.
    const totalsOf = async () => (await app.window().call('forwards', 'list', {})).stats.find((s) => s.id === forward.id);
    const afterStop = await totalsOf();
    expect(afterStop).toMatchObject({ state: 'stopped', connections: 0 });
    expect(afterStop?.bytesDown).toBeGreaterThanOrEqual(200_000);
    expect(afterStop?.bytesUp).toBeGreaterThan(0);
    const restarted = (await c.call('forwards', 'restart', { id: forward.id })).forward;
    expect(restarted.state).not.toBe('stopped');
    expect((await httpGet(restarted.localPort ?? 0)).status).toBe(200);
    // Started again, it counts on from those totals ("since the forward started").
    expect((await totalsOf())?.bytesDown).toBeGreaterThan(afterStop?.bytesDown ?? Infinity);

    await c.call('forwards', 'remove', { id: forward.id });
    expect((await c.call('forwards', 'list', {})).forwards.map((f) => f.id)).not.toContain(forward.id);
    expect(other.eventsOf('forwards', 'updated')).toContainEqual({ id: forward.id, forward: null, note: 'removed' });
  });

  it('saves, lists, restores and forgets a forward', async () => {
    const { forward } = await c.call('forwards', 'create', { spec: { ...spec, remotePort: 9000, name: 'echo' } });
    const { saved } = await c.call('forwards', 'save', { id: forward.id });
    // Save keeps the port the forward listens on (a592b3e): the saved spec is the live one with
    // its automatic local port replaced by that real port, everything else unchanged.
    expect(forward.localPort).toEqual(expect.any(Number));
    expect(saved.spec).toEqual({ ...forward.spec, localPort: forward.localPort });
    await c.call('forwards', 'remove', { id: forward.id });
    expect((await other.call('forwards', 'saved', {})).saved).toEqual([saved]);
    const restored = (await c.call('forwards', 'restore', { savedId: saved.savedId })).forward;
    expect(restored.spec).toEqual(saved.spec);
    expect(restored.id).not.toBe(forward.id);
    const auto: ForwardInfo = (await c.call('forwards', 'setAutoRestart', { id: restored.id, enabled: true })).forward;
    expect(auto.spec.autoRestart).toBe(true);
    await c.call('forwards', 'remove', { id: restored.id });
    await c.call('forwards', 'forget', { savedId: saved.savedId });
    expect((await c.call('forwards', 'saved', {})).saved).toEqual([]);
    await expect(c.call('forwards', 'forget', { savedId: saved.savedId })).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/No saved forward/) });
  });

  it('edits a running forward onto another local and remote port: bytes flow through the new port, the old one refuses', async () => {
    const { forward } = await c.call('forwards', 'create', { spec });
    const oldPort = forward.localPort ?? 0;
    expect((await httpGet(oldPort)).body).toMatch(/port 8080\n$/);
    const { forward: edited } = await c.call('forwards', 'edit', { id: forward.id, spec: { ...spec, remotePort: 9000, name: 'echo' } });
    expect(edited).toMatchObject({ id: forward.id, spec: { remotePort: 9000, name: 'echo' }, error: null });
    const newPort = edited.localPort ?? 0;
    // An automatic local port stays where it was when only the remote side changes.
    expect(newPort).toBe(oldPort);
    const back = (await c.call('forwards', 'edit', { id: forward.id, spec: { ...spec, localPort: 'auto', remotePort: 8080 } })).forward;
    expect((await httpGet(back.localPort ?? 0)).body).toMatch(/port 8080\n$/);
    // Another window is told of the change under the same id.
    await eventually('the edit told to the other window', () => (other.eventsOf('forwards', 'updated') as Array<{ id: string; forward: ForwardInfo | null }>).some((u) => u.id === forward.id && u.forward?.spec.name === 'echo'));
    await expect(c.call('forwards', 'edit', { id: 'no-such', spec })).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/No forward/) });
    await c.call('forwards', 'remove', { id: forward.id });
  });

  it('refuses a local port already in use, in plain words with a next step', async () => {
    const { forward } = await c.call('forwards', 'create', { spec });
    const err = await c.call('forwards', 'create', { spec: { ...spec, localPort: forward.localPort ?? 1 } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'failed', nextStep: expect.stringMatching(/another local port/) });
    await c.call('forwards', 'remove', { id: forward.id });
  });
});
