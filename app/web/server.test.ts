// The web host boundary over real sockets: token, host and origin checks; control and data
// messages through the real WebSocket, malformed ones refused with clear errors.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { encodeDataFrame, type ToRendererControl } from '../../shared/contract/index.js';
import { createBaseRouter } from '../../testing/ipc/base-router.js';
import { wsText } from '../../testing/web/ws-text.js';
import { startWebHost, type WebHost } from './server.js';

let dir: string;
let host: WebHost;
/** A chunk as vite names it: name, 8-character content hash, extension. */
const HASHED = 'index-AbC_d-12.js';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-web-'));
  const staticDir = join(dir, 'renderer');
  await import('node:fs/promises').then((fs) => fs.mkdir(staticDir));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Porthole</title>');
  await import('node:fs/promises').then((fs) => fs.mkdir(join(staticDir, 'assets')));
  await writeFile(join(staticDir, 'assets', HASHED), 'console.log("first build");');
  await writeFile(join(staticDir, 'assets', 'notes.txt'), 'unhashed');
  await writeFile(join(dir, 'secret.txt'), 'outside');
  const { router } = createBaseRouter({ host: 'web', version: '1.2.3', platform: 'linux', dataDir: join(dir, 'data'), sandbox: null });
  host = await startWebHost({ router, staticDir, port: 0 });
});
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return send('GET', path, headers);
}

function send(method: string, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Buffers every text message so none is lost between awaits. */
function textReader(ws: WebSocket): () => Promise<ToRendererControl> {
  const queued: ToRendererControl[] = [];
  const waiting: Array<(m: ToRendererControl) => void> = [];
  ws.on('message', (data, isBinary) => {
    if (isBinary) throw new Error('unexpected binary frame');
    const msg = JSON.parse(wsText(data)) as ToRendererControl;
    const w = waiting.shift();
    if (w) w(msg);
    else queued.push(msg);
  });
  return () => {
    const m = queued.shift();
    return m !== undefined ? Promise.resolve(m) : new Promise((resolve) => waiting.push(resolve));
  };
}

describe('web host HTTP', () => {
  it('listens on loopback and prints a tokenised URL', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a request without the token, or with a wrong one', async () => {
    for (const path of ['/', '/index.html', '/?token=']) {
      const res = await get(path);
      expect(res.status).toBe(403);
      expect(res.body).toMatch(/needs the token/);
      expect(res.headers['x-porthole-refused']).toBeUndefined();
    }
    const wrong = await get(`/?token=${'0'.repeat(64)}`);
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatch(/^Porthole's web host was restarted since this page was opened\./);
  });

  it('a page left open across a restart (the old run\'s cookie) is refused in words: restarted, open the new address', async () => {
    for (const method of ['GET', 'HEAD', 'POST']) {
      const res = await send(method, '/', { cookie: `porthole_token_${host.port}=${'a'.repeat(64)}` });
      expect(res.status).toBe(403);
      expect(res.headers['x-porthole-refused']).toBe('stale-token');
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
      if (method !== 'HEAD') {
        expect(res.body).toContain("Porthole's web host was restarted since this page was opened.");
        expect(res.body).toContain('npm run web');
        // Nothing of this run leaks into the refusal: not its token, not the page.
        expect(res.body).not.toContain(host.token);
        expect(res.body).not.toContain('<title>');
      }
    }
    // Another port's cookie is no token for this one: the plain refusal.
    const other = await get('/', { cookie: `porthole_token_${host.port + 1}=${'a'.repeat(64)}` });
    expect(other.status).toBe(403);
    expect(other.body).toMatch(/needs the token/);
    // A stale cookie from a foreign Host is refused as any foreign Host is, without the hint.
    const rebound = await get('/', { cookie: `porthole_token_${host.port}=${'a'.repeat(64)}`, host: `evil.example:${host.port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.headers['x-porthole-refused']).toBeUndefined();
  });

  it('a stale cookie opens no WebSocket', async () => {
    await expect(openSocket('', { cookie: `porthole_token_${host.port}=${'a'.repeat(64)}` })).rejects.toThrow(/HTTP 403/);
  });

  it('serves the renderer with the token, with a strict CSP, and sets a cookie for later requests', async () => {
    const res = await get(`/?token=${host.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Porthole</title>');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await get('/index.html', { cookie: cookie.split(';')[0] ?? '' });
    expect(withCookie.status).toBe(200);
  });

  it('serves content-hashed assets for keeps, from memory, still only with the token', async () => {
    const cookie = `porthole_token_${host.port}=${host.token}`;
    const first = await get(`/assets/${HASHED}`, { cookie });
    expect(first.status).toBe(200);
    expect(first.body).toBe('console.log("first build");');
    expect(first.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(first.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(first.headers['content-length']).toBe(String(first.body.length));
    expect(first.headers['content-security-policy']).toMatch(/script-src 'self'/);
    // One name is one content: the host read it once and does not read it again.
    await writeFile(join(dir, 'renderer', 'assets', HASHED), 'changed on disk');
    expect((await get(`/assets/${HASHED}`, { cookie })).body).toBe('console.log("first build");');
    const head = await send('HEAD', `/assets/${HASHED}`, { cookie });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(first.headers['content-length']);
    // Held in memory is not a way around the token, the Host check or the method check.
    expect((await get(`/assets/${HASHED}`)).status).toBe(403);
    expect((await get(`/assets/${HASHED}`, { cookie: `porthole_token_${host.port}=${'a'.repeat(64)}` })).status).toBe(403);
    expect((await get(`/assets/${HASHED}`, { cookie, host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await send('POST', `/assets/${HASHED}`, { cookie })).status).toBe(405);
  });

  it('never lets the browser keep the page or an unhashed file', async () => {
    const cookie = `porthole_token_${host.port}=${host.token}`;
    const page = await get('/', { cookie });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const notes = await get('/assets/notes.txt', { cookie });
    expect(notes.body).toBe('unhashed');
    expect(notes.headers['cache-control']).toBe('no-store');
    // Unhashed files are read on every request: a rebuild shows on the next load.
    await writeFile(join(dir, 'renderer', 'assets', 'notes.txt'), 'rebuilt');
    expect((await get('/assets/notes.txt', { cookie })).body).toBe('rebuilt');
    expect((await get('/assets/gone-AbCd1234.js', { cookie })).status).toBe(404);
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    expect((await get(`/?token=${host.token}`, { host: `evil.example:${host.port}` })).status).toBe(403);
  });

  it('never serves files outside the renderer folder', async () => {
    expect((await get(`/%2e%2e/secret.txt?token=${host.token}`)).status).toBe(404);
    expect((await get(`/..%2fsecret.txt?token=${host.token}`)).status).toBe(404);
  });
});

describe('web host WebSocket', () => {
  it('refuses an upgrade without the token', async () => {
    await expect(openSocket('')).rejects.toThrow(/HTTP 403/);
    await expect(openSocket('?token=nope')).rejects.toThrow(/HTTP 403/);
  });

  it('refuses an upgrade from another origin even with the token', async () => {
    await expect(openSocket(`?token=${host.token}`, { origin: 'http://evil.example' })).rejects.toThrow(/HTTP 403/);
  });

  it('carries a control round trip and refuses malformed control and data messages clearly', async () => {
    const ws = await openSocket(`?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
    const nextText = textReader(ws);
    try {
      ws.send(JSON.stringify({ type: 'request', id: 1, service: 'app', method: 'info', params: {} }));
      expect(await nextText()).toEqual({ type: 'response', id: 1, ok: true, result: { version: '1.2.3', host: 'web', platform: 'linux', sandbox: { active: false, endpoint: null, shells: null } } });

      ws.send('{not json');
      expect(await nextText()).toMatchObject({ type: 'response', id: null, ok: false, error: { code: 'malformed', message: expect.stringMatching(/not valid JSON/) } });

      ws.send(JSON.stringify({ type: 'request', id: 2, service: 'settings', method: 'update', params: { patch: { scrollback: -1 } } }));
      expect(await nextText()).toMatchObject({ id: 2, ok: false, error: { code: 'invalid_params', message: expect.stringMatching(/params\.patch\.scrollback/) } });

      ws.send(Uint8Array.of(42, 1, 0x61), { binary: true });
      expect(await nextText()).toMatchObject({ type: 'rejected', plane: 'data', error: { code: 'malformed', message: expect.stringMatching(/unknown type code 42/) } });

      ws.send(encodeDataFrame({ type: 'input_stream_data', sessionId: 'nobody', bytes: Uint8Array.of(0x0d) }), { binary: true });
      expect(await nextText()).toMatchObject({ type: 'rejected', plane: 'data', error: { message: expect.stringMatching(/not open in this window/) } });

      ws.send(JSON.stringify({ type: 'request', id: 3, service: 'settings', method: 'update', params: { patch: { theme: 'light' } } }));
      const a = await nextText();
      const b = await nextText();
      expect([a, b]).toContainEqual(expect.objectContaining({ type: 'response', id: 3, ok: true }));
      expect([a, b]).toContainEqual(expect.objectContaining({ type: 'event', service: 'settings', event: 'changed' }));
    } finally {
      ws.close();
    }
  });
});
