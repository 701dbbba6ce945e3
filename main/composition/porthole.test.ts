// The composition root's lifetime: shutting down ends live sessions in AWS (TerminateSession,
// while the sandbox is still up) and stops forwards, and a second close is harmless; corrupt
// saved files at start are set aside and told, and the app keeps working.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPorthole } from './porthole.js';
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

describe('startPorthole with corrupt saved files', () => {
  it('starts, sets each aside as <file>.corrupt-<time>, says so to every window, and keeps working', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'porthole-corrupt-'));
    await writeFile(join(dataDir, 'forwards.json'), '{"version": 2, "saved": [');
    await writeFile(join(dataDir, 'settings.json'), 'not json at all');
    const logged: string[] = [];
    const app = await startPorthole({
      host: 'web',
      version: '0.0.0-test',
      dataDir,
      env: { PORTHOLE_SANDBOX: '1', HOME: process.env['HOME'] },
      log: (line) => logged.push(line),
      sandbox: { pacing: 'unpaced', gateway: { shell: '/bin/sh' }, dir: dataDir },
    });
    const c = new TestClient(app.router);
    try {
      const names = await readdir(dataDir);
      const aside = ['forwards.json', 'settings.json'].map((f) => names.find((n) => n.startsWith(`${f}.corrupt-`)));
      expect(aside.every((n) => n !== undefined)).toBe(true);
      expect(await readFile(join(dataDir, aside[0]!), 'utf8')).toBe('{"version": 2, "saved": [');
      expect(await readFile(join(dataDir, aside[1]!), 'utf8')).toBe('not json at all');
      // Told to a window that connects after start, and in the log.
      const { notices } = await c.call('app', 'notices', {});
      expect(notices.map((n) => n.message).sort()).toEqual([
        expect.stringContaining(`it was set aside as ${join(dataDir, aside[0]!)}`),
        expect.stringContaining(`it was set aside as ${join(dataDir, aside[1]!)}`),
      ]);
      expect(logged.filter((l) => l.includes('set aside'))).toHaveLength(2);
      // Keeps working: settings change and a forward is saved, into fresh files.
      await c.call('settings', 'update', { patch: { fontSize: 15 } });
      expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ fontSize: 15 });
      const { forward } = await c.call('forwards', 'create', { spec: { target: DEMO_APP.instance, remotePort: 22, localPort: 'auto' } });
      const { saved } = await c.call('forwards', 'save', { id: forward.id });
      expect(JSON.parse(await readFile(join(dataDir, 'forwards.json'), 'utf8'))).toEqual({ version: 2, saved: [saved] });
    } finally {
      c.close();
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
