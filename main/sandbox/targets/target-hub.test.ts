import { connect } from 'node:net';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { largePayloadByte } from './port-server.js';
import { TargetHub, type TargetInfo } from './target-hub.js';

const web: TargetInfo = { key: 'ecs:c_t_r', scope: '123456789012/us-east-1', label: 'app/t', ports: [{ port: 8080, kind: 'http' }, { port: 9000, kind: 'echo' }], aliases: ['10.0.0.5'] };
const remotes = [{ host: 'db.internal', port: 5432, kind: 'echo' as const }];

let hub: TargetHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

function echoOnce(port: number, payload: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = connect(port, '127.0.0.1', () => s.write(payload));
    s.on('data', (c: Buffer) => {
      chunks.push(c);
      if (Buffer.concat(chunks).length >= payload.length) {
        s.end();
        resolve(Buffer.concat(chunks));
      }
    });
    s.on('error', reject);
  });
}

describe('TargetHub', () => {
  it('starts servers lazily and resolves own ports, aliases and remote hosts', async () => {
    hub = new TargetHub();
    expect(hub.runningServers).toBe(0);
    const http = await hub.dial(web, 'localhost', 8080, remotes);
    if (!http) throw new Error('no dial address for a declared port');
    expect(await (await fetch(`http://${http.host}:${http.port}/`)).text()).toBe('hello from app/t port 8080\n');
    expect(await hub.dial(web, '10.0.0.5', 8080, remotes)).toEqual(http);
    expect(hub.runningServers).toBe(1);
    const echo = await hub.dial(web, '127.0.0.1', 9000, remotes);
    const payload = Buffer.from('ping through the echo port');
    expect((await echoOnce(echo?.port ?? 0, payload)).equals(payload)).toBe(true);
    const db = await hub.dial(web, 'db.internal', 5432, remotes);
    expect((await echoOnce(db?.port ?? 0, payload)).equals(payload)).toBe(true);
    expect(await hub.dial(web, 'localhost', 1234, remotes)).toBeUndefined();
    expect(await hub.dial(web, 'db.internal', 1234, remotes)).toBeUndefined();
    expect(await hub.dial(web, 'elsewhere.internal', 5432, remotes)).toBeUndefined();
  });

  it('serves the large payload and echoes HTTP bodies', async () => {
    hub = new TargetHub();
    const a = await hub.dial(web, 'localhost', 8080, remotes);
    const body = Buffer.from(await (await fetch(`http://127.0.0.1:${a?.port}/large?bytes=300000`)).arrayBuffer());
    expect(body).toHaveLength(300_000);
    expect(body.every((b, i) => b === largePayloadByte(i))).toBe(true);
    const echoed = await (await fetch(`http://127.0.0.1:${a?.port}/echo`, { method: 'POST', body: 'round trip' })).text();
    expect(echoed).toBe('round trip');
  });

  it('keeps a same-keyed target of another region apart: its own folder and its own port servers', async () => {
    hub = new TargetHub();
    const there: TargetInfo = { ...web, scope: '123456789012/eu-west-1', label: 'app/t there' };
    expect(await hub.workdir(there)).not.toBe(await hub.workdir(web));
    const here = await hub.dial(web, 'localhost', 8080, remotes);
    const away = await hub.dial(there, 'localhost', 8080, remotes);
    expect(away?.port).not.toBe(here?.port);
    expect(await (await fetch(`http://127.0.0.1:${away?.port}/`)).text()).toBe('hello from app/t there port 8080\n');
  });

  it('makes a working directory per target and removes everything on close', async () => {
    hub = new TargetHub();
    const dir = await hub.workdir(web);
    expect(readFileSync(path.join(dir, 'TARGET.txt'), 'utf8')).toBe('app/t (ecs:c_t_r)\n');
    const a = await hub.dial(web, 'localhost', 8080, remotes);
    await hub.close();
    hub = undefined;
    expect(existsSync(dir)).toBe(false);
    await expect(fetch(`http://127.0.0.1:${a?.port}/`)).rejects.toThrow();
  });

  it('never writes through a link a shell left in its folder (a confined shell cannot make it clobber a host file)', async () => {
    hub = new TargetHub();
    const dir = await hub.workdir(web);
    const outside = mkdtempSync(path.join(tmpdir(), 'porthole-victim-'));
    try {
      const victim = path.join(outside, 'victim.txt');
      writeFileSync(victim, 'precious\n');
      rmSync(path.join(dir, 'TARGET.txt'));
      symlinkSync(victim, path.join(dir, 'TARGET.txt'));
      // The next session on that target writes its TARGET.txt again.
      expect(await hub.workdir(web)).toBe(dir);
      expect(readFileSync(victim, 'utf8')).toBe('precious\n');
      expect(lstatSync(path.join(dir, 'TARGET.txt')).isSymbolicLink()).toBe(false);
      expect(readFileSync(path.join(dir, 'TARGET.txt'), 'utf8')).toBe('app/t (ecs:c_t_r)\n');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
