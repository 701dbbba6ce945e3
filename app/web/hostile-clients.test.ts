// The web host survives hostile or broken clients over raw sockets: an unparsable request
// target gets a 400, and a client that resets its connection after a refused upgrade costs
// nothing but that connection. Any throw here would be an uncaught exception in the host.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBaseRouter } from '../../testing/ipc/base-router.js';
import { startWebHost, type WebHost } from './server.js';

/** Long enough for the host to answer and for a reset to be read on a loaded machine. */
const SETTLE_MS = 300;

let dir: string;
let host: WebHost;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown): void => void uncaught.push(error);

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  dir = await mkdtemp(join(tmpdir(), 'porthole-web-hostile-'));
  const staticDir = join(dir, 'renderer');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Porthole</title>');
  const { router } = createBaseRouter({ host: 'web', version: '1.2.3', platform: 'linux', dataDir: join(dir, 'data'), sandbox: null });
  host = await startWebHost({ router, staticDir, port: 0 });
});
afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sends raw request text; resolves with everything the server wrote before it closed. */
function raw(text: string): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    const c = connect(host.port, '127.0.0.1', () => c.write(text));
    c.setEncoding('latin1');
    c.on('data', (d: string) => (out += d));
    c.on('error', () => undefined);
    c.on('close', () => resolve(out));
  });
}

/** Sends raw request text and resets the connection (RST) as soon as any answer arrives. */
function sendThenReset(text: string): Promise<string> {
  return new Promise((resolve) => {
    const c = connect(host.port, '127.0.0.1', () => c.write(text));
    c.on('error', () => undefined);
    c.once('data', (d: Buffer) => {
      c.resetAndDestroy();
      resolve(d.toString('latin1'));
    });
  });
}

const upgradeHeaders = (hostHeader: string): string =>
  `Host: ${hostHeader}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`;

async function stillServes(): Promise<void> {
  const reply = await raw(`GET /?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`);
  expect(reply).toMatch(/^HTTP\/1\.1 200/);
}

describe('web host against hostile clients', () => {
  it('answers 400 to an unparsable request target, on plain requests and on upgrades', async () => {
    const plain = await raw(`GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`);
    expect(plain).toMatch(/^HTTP\/1\.1 400/);
    const upgrade = await raw(`GET http://[ HTTP/1.1\r\n${upgradeHeaders(`127.0.0.1:${host.port}`)}`);
    expect(upgrade).toMatch(/^HTTP\/1\.1 400/);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    expect(uncaught).toEqual([]);
    await stillServes();
  });

  it('refuses a foreign Host before looking at the target', async () => {
    const reply = await raw(`GET http://[ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 403/);
  });

  it('survives clients that reset after a refused upgrade (wrong path, no token, wrong origin)', async () => {
    const h = `127.0.0.1:${host.port}`;
    const refusals = [
      `GET /elsewhere HTTP/1.1\r\n${upgradeHeaders(h)}`,
      `GET /ws HTTP/1.1\r\n${upgradeHeaders(h)}`,
      `GET /ws?token=${host.token} HTTP/1.1\r\nOrigin: http://evil.example\r\n${upgradeHeaders(h)}`,
    ];
    for (const text of refusals) expect(await sendThenReset(text)).toMatch(/^HTTP\/1\.1 403/);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    expect(uncaught).toEqual([]);
    await stillServes();
  });
});
