// Forwards end to end: ForwardManager → StartSession on the sandbox's SSM API → gateway → the
// emulated agent's port plugin → the world's TCP/HTTP servers. Real sockets throughout.
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORT } from '../../ssm/port/index.js';
import { ForwardError } from './errors.js';
import type { ForwardManager } from './manager.js';
import { DEMO_TARGETS, startForwardingSandbox, type ForwardingSandbox } from '../../../testing/sessions/forwards/sandbox-forwards.js';
import { download, echoTransfer } from '../../../testing/sessions/forwards/traffic.js';
import type { ForwardStatus } from './types.js';

let fx: ForwardingSandbox;
let manager: ForwardManager;
beforeAll(async () => {
  fx = await startForwardingSandbox();
  manager = fx.newManager();
});
afterAll(async () => {
  await fx.stop();
});

function httpGet(port: number, pathName = '/'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathName, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** Resolves once the forward satisfies `predicate`: re-checked on every change and, for byte counters, on a short poll. */
function until(id: string, predicate: (s: ForwardStatus) => boolean, m: ForwardManager = manager): Promise<ForwardStatus> {
  return new Promise((resolve) => {
    const poll = setInterval(() => check(), POLL_MS);
    const check = () => {
      const s = m.get(id);
      if (!predicate(s)) return;
      m.off('changed', onChange);
      clearInterval(poll);
      resolve(s);
    };
    const onChange = (changed: string) => changed === id && check();
    m.on('changed', onChange);
    check();
  });
}
/** Byte counters change without events; this is how often `until` looks at them. */
const POLL_MS = 20;

const active = (id: string) => until(id, (s) => s.state === 'active');

describe('forwards against the sandbox', () => {
  it('forwards HTTP to an ECS container port (mux) on 127.0.0.1 by default', async () => {
    const f = await manager.create({ target: DEMO_TARGETS.container, remotePort: 8080 });
    expect(f.localAddress).toBe('127.0.0.1');
    expect(f.localPort).toBeGreaterThan(0);
    const s = await active(f.id);
    expect(s.mode).toBe('mux');
    expect(s.target).toMatch(/^ecs:demo-web_5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001_/);
    const [a, b] = await Promise.all([httpGet(f.localPort!), httpGet(f.localPort!)]);
    expect(a).toEqual({ status: 200, body: expect.stringMatching(/^hello from .*port 8080/) });
    expect(b.body).toBe(a.body);
    await manager.remove(f.id);
  });

  it('forwards HTTP to a remote host through an instance', async () => {
    const f = await manager.create({ target: DEMO_TARGETS.bastion, remoteHost: 'intranet.internal', remotePort: 80 });
    await active(f.id);
    const { body } = await httpGet(f.localPort!);
    expect(body).toMatch(/^hello from .*intranet\.internal.* port 80/);
    expect(manager.get(f.id).remoteHost).toBe('intranet.internal');
    await manager.remove(f.id);
  });

  it('uses basic mode with an agent that advertises an old version', async () => {
    const f = await manager.create({ target: DEMO_TARGETS.legacy, remotePort: 80 });
    const s = await active(f.id);
    expect(s.mode).toBe('basic');
    expect((await httpGet(f.localPort!)).body).toMatch(/^hello from .*port 80/);
    expect((await httpGet(f.localPort!)).body).toMatch(/^hello from .*port 80/);
    await manager.remove(f.id);
  });

  it('closes a connection to a refused port with a clear reason and keeps the forward up', async () => {
    const f = await manager.create({ target: DEMO_TARGETS.bastion, remotePort: 81 });
    await active(f.id);
    const socket = net.connect(f.localPort!, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('hello?');
    await once(socket, 'close');
    const s = await until(f.id, (x) => x.connectionErrors > 0);
    expect(s.connectionErrors).toBe(1);
    expect(s.lastConnectionError?.reason).toBe(PORT.CONNECT_ERROR_TEXT);
    // A refused connection is not the forward's own error: it keeps listening for the next one.
    expect(s.lastError).toBeUndefined();
    expect(s.state).toBe('active');
    await manager.remove(f.id);
  });

  it('refuses a local port already in use with a clear error', async () => {
    const blocker = net.createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as net.AddressInfo).port;
    const attempt = manager.create({ target: DEMO_TARGETS.container, remotePort: 8080, localPort: port });
    await expect(attempt).rejects.toBeInstanceOf(ForwardError);
    await expect(attempt).rejects.toMatchObject({ code: 'port-in-use', message: expect.stringContaining(`${port}`) });
    expect(manager.list().some((s) => s.localPort === port)).toBe(false);
    blocker.close();
  });

  it('stopping a forward with open connections closes them and frees the port', async () => {
    const f = await manager.create({ target: DEMO_TARGETS.container, remotePort: 9000 });
    await active(f.id);
    const socket = net.connect(f.localPort!, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('ping');
    await once(socket, 'data');
    expect(manager.get(f.id).connections.length).toBe(1);
    const sessionId = manager.get(f.id).sessionId!;
    const closed = once(socket, 'close');
    const stopped = await manager.stop(f.id);
    expect(stopped.state).toBe('stopped');
    await closed;
    const rebind = net.createServer();
    rebind.listen(f.localPort, '127.0.0.1');
    await once(rebind, 'listening'); // the port is free again
    rebind.close();
    expect(fx.harness.sandbox.registry.get(sessionId)?.state).toBe('Terminated');
    await manager.remove(f.id);
  });

  it('restarts after the sandbox ends the session, on the same local port', async () => {
    const f = await manager.create({ target: DEMO_TARGETS.container, remotePort: 8080 });
    const first = await active(f.id);
    await fx.harness.ssm.send(new TerminateSessionCommand({ SessionId: first.sessionId! }));
    const again = await until(f.id, (s) => s.state === 'active' && s.sessionId !== first.sessionId);
    expect(again.restarts).toBe(1);
    expect(again.lastError).toBe(`The session ended (Exiting session with sessionId: ${first.sessionId}.)`);
    expect(again.localPort).toBe(first.localPort);
    expect((await httpGet(f.localPort!)).status).toBe(200);
    await manager.remove(f.id);
  });

  it('restart() starts a fresh session on the same automatic port', async () => {
    const f = await manager.create({ target: DEMO_TARGETS.container, remotePort: 8080 });
    const first = await active(f.id);
    await manager.restart(f.id);
    const again = await until(f.id, (s) => s.state === 'active' && s.sessionId !== first.sessionId);
    expect(again.localPort).toBe(first.localPort);
    expect((await httpGet(f.localPort!)).status).toBe(200);
    await manager.remove(f.id);
    expect(manager.list().some((s) => s.id === f.id)).toBe(false);
  });

  it('binds another address only when asked', async () => {
    // This test holds 127.0.0.1 at the port (another parallel worker could hold a port merely seen
    // free): the forward can then bind it on 127.0.0.2 only if it binds that address alone, not
    // 127.0.0.1 or every address, and a client of 127.0.0.1 reaches this holder, not the forward.
    const holder = net.createServer((socket) => socket.end('holder'));
    holder.listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const port = (holder.address() as net.AddressInfo).port;
    const f = await manager.create({ target: DEMO_TARGETS.container, remotePort: 8080, localAddress: '127.0.0.2', localPort: port });
    expect(f).toMatchObject({ localAddress: '127.0.0.2', localPort: port });
    await active(f.id);
    const reached = await new Promise<string>((resolve, reject) => {
      http.get({ host: '127.0.0.2', port, path: '/', agent: false }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve(body));
      }).on('error', reject);
    });
    expect(reached).toMatch(/^hello from /);
    const onLoopback = net.connect(port, '127.0.0.1');
    let heard = '';
    onLoopback.on('data', (d: Buffer) => (heard += d.toString()));
    await once(onLoopback, 'end');
    expect(heard).toBe('holder');
    onLoopback.destroy();
    await manager.remove(f.id);
    await new Promise((resolve) => holder.close(resolve));
  });

  it('keeps an open connection across a websocket drop (ResumeSession)', async () => {
    const f = await manager.create({ target: DEMO_TARGETS.container, remotePort: 9000 });
    const before = await active(f.id);
    const socket = net.connect(f.localPort!, '127.0.0.1');
    socket.on('error', () => undefined);
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    socket.write('before-');
    await until(f.id, (s) => s.bytesFromRemote >= 7);
    manager.dataChannelOf(f.id)!.dropConnection();
    await until(f.id, (s) => s.state === 'reconnecting');
    socket.write('after');
    // The counter moves when the forward writes to the local socket; this socket reads a moment later.
    const receivedBytes = () => received.reduce((n, b) => n + b.length, 0);
    await until(f.id, (s) => s.state === 'active' && s.bytesFromRemote >= 12 && receivedBytes() >= 12);
    expect(Buffer.concat(received).toString()).toBe('before-after');
    expect(manager.get(f.id).sessionId).toBe(before.sessionId);
    expect(manager.get(f.id).restarts).toBe(0);
    socket.destroy();
    await manager.remove(f.id);
  });

  it('serves SSH-document forwards one session per connection, queued clients included', async () => {
    const f = await manager.create({ target: DEMO_TARGETS.bastion, remotePort: 22, ssh: true });
    const first = await active(f.id);
    expect(first.mode).toBe('stream');
    const [a, b] = await Promise.all([echoTransfer(f.localPort!, 64 * 1024), echoTransfer(f.localPort!, 64 * 1024)]);
    expect(a.receivedSha256).toBe(a.sentSha256);
    expect(b.receivedSha256).toBe(b.sentSha256);
    const after = await until(f.id, (s) => s.state === 'active' && s.sessionId !== first.sessionId);
    expect(after.restarts).toBe(0); // a new session per connection is the design, not a failure
    await manager.remove(f.id);
  });

  it('holds back a fast local sender while nothing reaches the agent (bounded memory)', async () => {
    const f = await manager.create({ target: DEMO_TARGETS.container, remotePort: 9000 });
    const { sessionId } = await active(f.id);
    const socket = net.connect(f.localPort!, '127.0.0.1');
    socket.on('error', () => undefined);
    await once(socket, 'connect');
    fx.harness.gateway.faults.set(sessionId!, { toAgent: { drop: 1 } }); // no data and no ack gets through
    const chunk = Buffer.alloc(64 * 1024);
    const limit = 256 * 1024 * 1024;
    let written = 0;
    const deadline = Date.now() + 2_000; // long enough to fill every buffer on the way
    while (written < limit && Date.now() < deadline) {
      if (socket.write(chunk)) written += chunk.length;
      else await Promise.race([once(socket, 'drain'), new Promise((r) => setTimeout(r, 100))]);
    }
    expect(written).toBeLessThan(limit);
    // Read from the local socket: the outgoing high watermark plus the smux stream's small buffer.
    expect(manager.get(f.id).bytesToRemote).toBeLessThan(PORT.OUTGOING_HIGH_WATER_BYTES + 1024 * 1024);
    // The link comes back as a new websocket (as after a real outage): resume re-sends the backlog.
    fx.harness.gateway.faults.set(sessionId!, { actions: [{ do: 'kill-socket' }] });
    socket.destroy();
    const after = await echoTransfer(f.localPort!, 32 * 1024);
    expect(after.receivedSha256).toBe(after.sentSha256);
    await manager.remove(f.id);
  });

  it('a local client that stops reading does not stall another connection of the forward', async () => {
    const f = await manager.create({ target: DEMO_TARGETS.container, remotePort: 8080 });
    await active(f.id);
    const slow = net.connect(f.localPort!, '127.0.0.1');
    slow.on('error', () => undefined);
    slow.pause(); // asks for 3 MB and never reads it
    slow.write('GET /large?bytes=3145728 HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(f.id, (s) => s.bytesFromRemote > 1024 * 1024);
    expect(await download(f.localPort!, 8 * 1024 * 1024)).toBe(8 * 1024 * 1024);
    slow.destroy();
    await manager.remove(f.id);
  });

  it('starts a stopped forward again under the id it was created with', async () => {
    const f = await manager.create({ name: 'web', target: DEMO_TARGETS.container, remotePort: 8080 }, { id: 'saved-web' });
    expect(f.id).toBe('saved-web');
    await active(f.id);
    await manager.stop(f.id);
    await manager.start(f.id);
    await active(f.id);
    expect((await httpGet(manager.get(f.id).localPort!)).status).toBe(200);
    await manager.remove(f.id);
  });
});
