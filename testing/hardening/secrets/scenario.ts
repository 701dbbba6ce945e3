/**
 * A full scripted use of the app through the router against the sandbox, as one window: walk
 * the inventory, open a shell and a KMS-encrypted shell with the inspector watching, kill their
 * websockets so they resume (new TokenValues), open a forward and move HTTP bytes through it
 * (and resume it too), run diagnostics, close everything. Every renderer-bound message is kept.
 */
import http from 'node:http';
import type { InventoryNode, ShellTarget } from '../../../shared/contract/index.js';
import { SANDBOX, type Sandbox } from '../../../main/sandbox/index.js';
import { DEMO_APP } from '../../composition/sandbox-app.js';
import { TestClient } from '../../composition/test-client.js';
import type { Router } from '../../../main/ipc/router.js';
import { INVENTORY_ROOT_ID } from '../../../main/ipc/inventory.js';

/** The demo world's instance whose sessions use KMS encryption (main/sandbox/world/demo-world.json). */
export const KMS_INSTANCE: ShellTarget = { kind: 'instance', profile: SANDBOX.profile, region: 'us-east-1', instanceId: 'i-0a1b2c3d4e5f60005' };

export interface ScenarioCapture {
  readonly client: TestClient;
  /** Results and errors of every call, as the renderer received them. */
  readonly replies: unknown[];
}

function httpGet(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      })
      .on('error', reject);
  });
}

/** The gateway session that appeared since `before` (the one a call just started). */
function newSessionId(sandbox: Sandbox, before: ReadonlySet<string>): string {
  const added = sandbox.registry.list().filter((s) => !before.has(s.sessionId));
  const last = added.at(-1);
  if (last === undefined) throw new Error('no new sandbox session appeared');
  return last.sessionId;
}

const known = (sandbox: Sandbox) => new Set(sandbox.registry.list().map((s) => s.sessionId));

/** Kills the session's websocket and waits until the app reports it connected again. */
async function killAndResume(c: TestClient, sandbox: Sandbox, gatewayId: string, sessionId: string): Promise<void> {
  const seen = c.statuses.get(sessionId)?.length ?? 0;
  sandbox.faults.set(gatewayId, { actions: [{ do: 'kill-socket' }] });
  await c.until(`${sessionId} reconnecting`, () => (c.statuses.get(sessionId) ?? []).slice(seen).some((s) => s.state === 'reconnecting'));
  await c.untilState(sessionId, 'connected');
}

export async function runScenario(router: Router, sandbox: Sandbox): Promise<ScenarioCapture> {
  const c = new TestClient(router);
  const replies: unknown[] = [];
  const call: TestClient['call'] = async (service, method, params) => {
    try {
      const r = await c.call(service, method, params);
      replies.push(r);
      return r;
    } catch (err) {
      replies.push(err instanceof Error ? { error: err.message } : err);
      throw err;
    }
  };
  const child = async (parentId: string, label: string): Promise<InventoryNode> => {
    const nodes = (await call('inventory', 'children', { parentId })).nodes;
    const n = nodes.find((x) => x.label === label);
    if (n === undefined) throw new Error(`no ${label} under ${parentId}`);
    return n;
  };

  await call('app', 'info', {});
  await call('inventory', 'profiles', {});
  const profile = await child(INVENTORY_ROOT_ID, SANDBOX.profile);
  const region = await child(profile.id, 'us-east-1');
  const cluster = await child(region.id, 'demo-web');
  await call('inventory', 'children', { parentId: cluster.id });

  for (const target of [DEMO_APP.web, KMS_INSTANCE]) {
    const before = known(sandbox);
    const { session } = await call('sessions', 'open', { target, cols: 100, rows: 30 });
    const gatewayId = newSessionId(sandbox, before);
    await call('inspector', 'subscribe', { sessionId: session.id });
    await c.until(`the prompt of ${session.id}`, () => c.bytesReceived(session.id) > 0);
    c.input(session.id, 'echo one-$((1+1))\r');
    await c.untilText(session.id, 'one-2');
    await killAndResume(c, sandbox, gatewayId, session.id);
    c.input(session.id, 'echo two-$((2+2))\r');
    await c.untilText(session.id, 'two-4');
    await call('sessions', 'close', { id: session.id });
  }

  const before = known(sandbox);
  const { forward } = await call('forwards', 'create', { spec: { target: DEMO_APP.web, remotePort: 8080, localPort: 'auto' } });
  const port = forward.localPort ?? 0;
  await httpGet(port, '/');
  const portSession = newSessionId(sandbox, before);
  sandbox.faults.set(portSession, { actions: [{ do: 'kill-socket' }] });
  await httpGet(port, '/large?bytes=100000');
  await call('forwards', 'remove', { id: forward.id });
  await call('diagnostics', 'run', { target: DEMO_APP.web });
  c.close();
  return { client: c, replies };
}
