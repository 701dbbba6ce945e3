// The composition root's lifetime: shutting down ends live sessions in AWS (TerminateSession,
// while the sandbox is still up) and stops forwards, and a second close is harmless.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { DEMO_APP, startSandboxApp } from '../../testing/composition/sandbox-app.js';
import { TestClient } from '../../testing/composition/test-client.js';

function get(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

describe('startPorthole', () => {
  it('terminates sessions and stops forwards on close', async () => {
    const t = await startSandboxApp();
    const c = new TestClient(t.app.router);
    const { session } = await c.call('sessions', 'open', { target: DEMO_APP.web, cols: 80, rows: 24 });
    await c.untilState(session.id, 'connected');
    const { forward } = await c.call('forwards', 'create', { spec: { target: DEMO_APP.web, remotePort: 8080, localPort: 'auto' } });
    const port = forward.localPort ?? 0;
    expect(await get(port)).toBe(200);
    const stats = t.app.sandbox?.stats.byOperation ?? {};
    const terminatesBefore = Object.entries(stats).filter(([op]) => op.includes('TerminateSession')).reduce((n, [, v]) => n + v, 0);

    await t.app.close();
    const terminatesAfter = Object.entries(stats).filter(([op]) => op.includes('TerminateSession')).reduce((n, [, v]) => n + v, 0);
    expect(terminatesAfter - terminatesBefore).toBeGreaterThanOrEqual(2); // the shell and the forward's session
    expect(t.app.shells.size).toBe(0);
    expect(c.lastStatus(session.id)).toMatchObject({ state: 'closed' });
    await expect(get(port)).rejects.toThrow(/ECONNREFUSED/);
    await t.stop(); // closes again: idempotent
    c.close();
  });
});
