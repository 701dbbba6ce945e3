// The web host listens (and serves the page) before the services behind it exist: calls from a
// page that connects meanwhile wait and are answered once they are there; the whole app with the
// sandbox started behind a listening host lists the sandbox's profile in the tree after; a start
// that fails answers every call with why. Real sockets, the real composition root.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ToRendererControl } from '../../shared/contract/index.js';
import { startPorthole } from '../../main/composition/porthole.js';
import { createAppService } from '../../main/ipc/app.js';
import { Notices } from '../../main/hubs/notices.js';
import { INVENTORY_ROOT_ID } from '../../main/ipc/inventory.js';
import { SANDBOX } from '../../main/sandbox/index.js';
import { wsText } from '../../testing/web/ws-text.js';
import { startWebApp, type Services, type WebApp } from './run.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-lazy-start-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Porthole</title><div id="root"></div>');
  return dir;
}

function getPage(web: WebApp): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: web.host.port, path: `/?token=${web.host.token}` }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A page's link: sends calls, collects answers by id. */
async function connect(web: WebApp): Promise<{ call: (id: number, service: string, method: string, params: unknown) => void; answer: (id: number) => Promise<ToRendererControl>; answered: (id: number) => boolean }> {
  const ws = new WebSocket(`ws://127.0.0.1:${web.host.port}/ws?token=${web.host.token}`, { headers: { origin: `http://127.0.0.1:${web.host.port}` } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  cleanup.push(async () => ws.close());
  const answers = new Map<number, ToRendererControl>();
  const waiting = new Map<number, (m: ToRendererControl) => void>();
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const msg = JSON.parse(wsText(data)) as ToRendererControl;
    if (msg.type !== 'response' || msg.id === null) return;
    answers.set(msg.id, msg);
    waiting.get(msg.id)?.(msg);
  });
  return {
    call: (id, service, method, params) => ws.send(JSON.stringify({ type: 'request', id, service, method, params })),
    answer: (id) => {
      const got = answers.get(id);
      return got !== undefined ? Promise.resolve(got) : new Promise((resolve) => waiting.set(id, resolve));
    },
    answered: (id) => answers.has(id),
  };
}

/** Lets the event loop run a while (sockets, timers): what a held call must survive unanswered. */
const turns = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('web host start-up: listening first, services after', () => {
  it('serves the page and holds calls until the services are there, then answers them', async () => {
    const dir = await tempDir();
    let finish: () => void = () => undefined;
    const composed = new Promise<void>((r) => (finish = r));
    const web = await startWebApp({
      staticDir: join(dir, 'renderer'),
      port: 0,
      compose: async (router): Promise<Services> => {
        await composed;
        const env = { host: 'web' as const, version: '9.9.9', platform: 'linux', dataDir: dir, sandbox: null };
        router.register('app', createAppService(env, new Notices(() => undefined, () => undefined)));
        return { close: async () => undefined };
      },
    });
    cleanup.push(() => web.close());

    const page = await getPage(web);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const link = await connect(web);
    link.call(1, 'app', 'info', {});
    // The host's own links service, registered before the others, waits like every call.
    link.call(2, 'links', 'open', { url: 'https://example.com/', purpose: 'link' });
    await turns(300);
    expect(link.answered(1)).toBe(false);
    expect(link.answered(2)).toBe(false);
    finish();
    expect(await link.answer(1)).toMatchObject({ ok: true, result: { version: '9.9.9', host: 'web' } });
    expect(await link.answer(2)).toMatchObject({ ok: true, result: { opened: false } });
    await web.services;
    // Once started, calls run as before.
    link.call(3, 'app', 'info', {});
    expect(await link.answer(3)).toMatchObject({ ok: true });
  });

  it('answers every call with the reason when the services cannot start', async () => {
    const dir = await tempDir();
    const web = await startWebApp({
      staticDir: join(dir, 'renderer'),
      port: 0,
      compose: async () => {
        throw new Error('the data folder is read-only');
      },
    });
    cleanup.push(() => web.close());
    await expect(web.services).rejects.toThrow('read-only');
    const link = await connect(web);
    link.call(1, 'app', 'info', {});
    expect(await link.answer(1)).toMatchObject({ ok: false, error: { code: 'not_started', message: expect.stringContaining('Porthole could not start: the data folder is read-only') } });
  });

  it('lists the sandbox profile in the tree once the sandbox started behind the listening host', async () => {
    const dir = await tempDir();
    let sandboxStarted = false;
    const web = await startWebApp({
      staticDir: join(dir, 'renderer'),
      port: 0,
      compose: async (router) => {
        const app = await startPorthole({
          host: 'web',
          version: '0.0.0-test',
          dataDir: join(dir, 'data'),
          env: { PORTHOLE_SANDBOX: '1', HOME: process.env['HOME'] },
          log: () => undefined,
          sandbox: { pacing: 'unpaced', gateway: { shell: '/bin/sh' }, dir },
          router,
        });
        sandboxStarted = app.sandbox !== null;
        return app;
      },
    });
    cleanup.push(() => web.close());
    // The host answers the page while the sandbox is still starting.
    expect((await getPage(web)).status).toBe(200);
    const link = await connect(web);
    link.call(1, 'inventory', 'children', { parentId: INVENTORY_ROOT_ID });
    const tree = await link.answer(1);
    expect(sandboxStarted).toBe(true);
    expect(tree).toMatchObject({ ok: true });
    const names = JSON.stringify(tree);
    expect(names).toContain(SANDBOX.profile);
  });
});
