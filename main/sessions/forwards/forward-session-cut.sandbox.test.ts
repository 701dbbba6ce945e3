// A forward whose session AWS ends (ssm TerminateSession from anywhere, Session Manager's maximum
// session duration): the local listener stays bound on the same port, connections open through
// the old session are reset (their remote end is gone), a connection that arrives while the new
// session starts waits for it, and bytes flow again through the same port. Real sockets against
// the sandbox: the manager's StartSession goes through the sandbox's SSM API.
import { once } from 'node:events';
import net from 'node:net';
import { TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForwardManager } from './manager.js';
import type { ForwardState, ForwardStatus } from './types.js';
import { DEMO_TARGETS, startForwardingSandbox, type ForwardingSandbox } from '../../../testing/sessions/forwards/sandbox-forwards.js';
import { echoTransfer } from '../../../testing/sessions/forwards/traffic.js';

let fx: ForwardingSandbox;
let manager: ForwardManager;
beforeAll(async () => {
  fx = await startForwardingSandbox();
  manager = fx.newManager();
});
afterAll(async () => {
  await fx.stop();
});

/** Resolves once the forward satisfies `predicate`, checked on each of its changes. */
function until(id: string, predicate: (s: ForwardStatus) => boolean): Promise<ForwardStatus> {
  return new Promise((resolve) => {
    const check = (changed = id) => {
      if (changed !== id || !predicate(manager.get(id))) return;
      manager.off('changed', check);
      resolve(manager.get(id));
    };
    manager.on('changed', check);
    check();
  });
}

interface EchoConnection {
  readonly socket: net.Socket;
  /** Resolves once everything echoed so far reads `text`. */
  echoed(text: string): Promise<void>;
  /** How the connection ended: an error code, or 'closed cleanly'. */
  readonly ended: Promise<string>;
}

/** A connection to the forward's port that collects what comes back and how it ended. */
function connectEcho(port: number): EchoConnection {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString()));
  const ended = new Promise<string>((resolve) => {
    let code = 'closed cleanly';
    socket.on('error', (err: NodeJS.ErrnoException) => (code = err.code ?? err.message));
    socket.once('close', () => resolve(code));
  });
  const echoed = async (text: string) => {
    while (received !== text) await once(socket, 'data');
  };
  return { socket, echoed, ended };
}

describe('a forward whose session is cut', () => {
  it('keeps its port: open connections are reset, a waiting one is served by the new session, and bytes flow again', async () => {
    const f = await manager.create({ target: DEMO_TARGETS.container, remotePort: 9000 });
    const first = await until(f.id, (s) => s.state === 'active');
    const port = first.localPort!;
    const open = connectEcho(port);
    open.socket.write('before');
    await open.echoed('before');

    const states: ForwardState[] = [];
    const record = (id: string) => id === f.id && states.at(-1) !== manager.get(f.id).state && states.push(manager.get(f.id).state);
    manager.on('changed', record);
    const between = until(f.id, (s) => s.state === 'restarting');
    await fx.harness.ssm.send(new TerminateSessionCommand({ SessionId: first.sessionId! }));
    await between;
    // Accepted on the same port while no session exists: it waits for the next one.
    const waiting = connectEcho(port);
    waiting.socket.write('waited');

    // The old session's TCP connections cannot go on (their remote end is gone): reset, not a clean end.
    expect(await open.ended).toBe('ECONNRESET');
    const again = await until(f.id, (s) => s.state === 'active' && s.sessionId !== first.sessionId);
    manager.off('changed', record);
    expect(states).toEqual(['restarting', 'active']);
    expect(again.localPort).toBe(port);
    expect(again.restarts).toBe(1);
    expect(fx.harness.sandbox.registry.get(first.sessionId!)?.state).toBe('Terminated');

    await waiting.echoed('waited');
    waiting.socket.end();
    expect(await waiting.ended).toBe('closed cleanly');
    const after = await echoTransfer(port, 256 * 1024);
    expect(after.receivedSha256).toBe(after.sentSha256);
    await manager.remove(f.id);
  });
});
