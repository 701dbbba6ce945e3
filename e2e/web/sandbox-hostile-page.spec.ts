// A web page is never a caller of the sandbox: a page on another origin (cross-origin fetch,
// no-cors POST, websocket) and a page that rebinds its own DNS name to 127.0.0.1 (same-origin
// requests carrying a foreign Host) cannot start a session in the app's sandbox.
import { createServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { CHROMIUM } from '../playwright.config.js';
import { expect, test } from '../fixtures/web-host.js';
import { sandboxAdminHeaders, type SandboxSession } from './porthole-ui.js';

/** The attacker's name; Chromium resolves it to REBIND_ADDRESS (any loopback address works). */
const REBIND_HOST = 'rebind.test';
/** Where the attacker's "server" listens: another loopback address, on the sandbox's own port. */
const REBIND_ADDRESS = '127.0.0.2';
const ATTACK_PAGE = '<!doctype html><title>rebound</title><p>hello</p>';

/**
 * DNS rebinding without a DNS server: the first page load is answered by the attacker; every
 * later connection is forwarded byte for byte to the sandbox, as if the name now resolved to
 * 127.0.0.1 — so the sandbox sees the page's same-origin requests with Host rebind.test:PORT.
 */
async function rebindingServer(sandboxPort: number): Promise<{ server: TcpServer; close: () => Promise<void> }> {
  let served = false;
  const open = new Set<Socket>();
  const server = createTcpServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (first) => {
      if (!served && first.toString('latin1').startsWith('GET / ')) {
        served = true;
        socket.end(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${ATTACK_PAGE.length}\r\nConnection: close\r\n\r\n${ATTACK_PAGE}`);
        return;
      }
      const upstream = connect(sandboxPort, '127.0.0.1');
      open.add(upstream);
      upstream.on('close', () => open.delete(upstream));
      upstream.on('error', () => socket.destroy());
      upstream.write(first);
      socket.pipe(upstream).pipe(socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(sandboxPort, REBIND_ADDRESS, resolve);
  });
  const close = async (): Promise<void> => {
    for (const s of open) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { server, close };
}

test.use({
  sandbox: true,
  launchOptions: { executablePath: CHROMIUM.executablePath, args: [...CHROMIUM.args, `--host-resolver-rules=MAP ${REBIND_HOST} ${REBIND_ADDRESS}`] },
});

const START_BODY = JSON.stringify({ Target: 'i-0a1b2c3d4e5f60002', DocumentName: 'AWS-StartNonInteractiveCommand', Parameters: { command: ['touch /tmp/porthole-pwned'] } });
const SSM_HEADERS = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.StartSession' };

let attacker: Server;
test.beforeAll(async () => {
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>some page</title><p>hello</p>');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
});
test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

test('a page on another origin, or rebinding its name to 127.0.0.1, cannot start a sandbox session', async ({ page, webHost, request }) => {
  const endpoint = /sandbox running at (http:\/\/127\.0\.0\.1:\d+)/.exec(webHost.output())?.[1];
  if (!endpoint) throw new Error(`the web host started no sandbox:\n${webHost.output()}`);
  const port = new URL(endpoint).port;

  // 1. Another origin on this machine: a CORS request (preflighted), a no-cors simple POST, a websocket.
  await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
  const crossOrigin = await page.evaluate(
    async ({ endpoint, body, headers }) => {
      const cors = await fetch(`${endpoint}/`, { method: 'POST', headers, body }).then(
        (r) => `status ${r.status}`,
        () => 'blocked',
      );
      const noCors = await fetch(`${endpoint}/`, { method: 'POST', mode: 'no-cors', body }).then(
        () => 'sent',
        () => 'blocked',
      );
      const ws = await new Promise<string>((resolve) => {
        const socket = new WebSocket(`${endpoint.replace('http:', 'ws:')}/v1/data-channel/s-0?role=publish_subscribe`);
        socket.onopen = () => resolve('open');
        socket.onerror = () => resolve('refused');
      });
      return { cors, noCors, ws };
    },
    { endpoint, body: START_BODY, headers: SSM_HEADERS },
  );
  expect(crossOrigin.cors).toBe('blocked'); // its preflight carries an Origin: refused
  expect(crossOrigin.ws).toBe('refused');
  // The no-cors POST does go out (its answer is opaque to the page): the session list below shows it started nothing.
  expect(crossOrigin.noCors).toBe('sent');

  // 2. DNS rebinding: the attacker's page is http://rebind.test:PORT/; then the name "points at"
  //    the sandbox, and the page's same-origin request reaches it with that Host.
  const rebinder = await rebindingServer(Number(port));
  try {
    await page.goto(`http://${REBIND_HOST}:${port}/`);
    await expect(page).toHaveTitle('rebound');
    const rebound = await page.evaluate(
      async ({ body, headers }) => {
        try {
          const r = await fetch('/', { method: 'POST', headers, body });
          return { status: r.status, text: await r.text() };
        } catch (err) {
          return { status: 0, text: String(err) };
        }
      },
      { body: START_BODY, headers: SSM_HEADERS },
    );
    expect(rebound.status).toBe(403);
    expect(rebound.text).toContain('is not this sandbox');
  } finally {
    await rebinder.close();
  }

  // Nothing was started: the sandbox's own session list (read with its secret) is empty.
  const sessions = (await (await request.get(`${endpoint}/__sandbox/sessions`, { headers: sandboxAdminHeaders(webHost.output()) })).json()) as SandboxSession[];
  expect(sessions).toEqual([]);
});
