// "Follow the service" against the sandbox, the whole chain: a forward to an ECS container that
// follows its service (auto-restart on, even if asked off) moves bytes, its task is stopped (ECS StopTask), and it comes back by itself
// on another running task of the service (the row naming that task), bytes flowing again through
// the same local port; a forward pinned to the same task gives up as it always has. A service with
// no ready task is said plainly while auto-restart keeps looking. Waits on the hub's events.
import { EventEmitter, once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ForwardSpecSchema, type ForwardInfo } from '../../../shared/contract/index.js';
import { FOLLOW_RESTARTS_TEXT, noReadyServiceTaskText } from '../../../shared/messages/forwards.js';
import { shortTaskId } from '../../../shared/format/task-id.js';
import { DEMO_APP, startSandboxApp, type SandboxApp } from '../../../testing/composition/sandbox-app.js';
import { clientConfig } from '../../../testing/sandbox/api/test-helpers.js';
import { echoTransfer } from '../../../testing/sessions/forwards/traffic.js';
import { nodeId } from '../../aws/inventory/node-ids.js';
import { ForwardsHub } from './forwards-hub.js';

/** Restarts come quickly, so the test waits on the sandbox, not on the back-off. */
const SCHEDULE = { initialMs: 10, factor: 2, maxMs: 50, stableAfterMs: 60_000, mayHealGiveUpMs: 60 * 60_000 };
/** The stopped task's containers exit and it is STOPPED at once: the session ends straight away. */
const STOPPED_AT_ONCE = { containersExitMs: 0, deprovisionMs: 0 };
/** The demo world's echo port on the web service's `app` containers. */
const ECHO_PORT = 9000;
/** Enough bytes to cross several data-channel frames each way. */
const ECHO_BYTES = 256 * 1024;
/** The demo web service's name (demo-world.json). */
const WEB_SERVICE = 'web';
/** The demo web cluster's ARN, as the tree's node ids hold it. */
const DEMO_CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web';

let t: SandboxApp;
let dir: string;
let hub: ForwardsHub;
const updates = new EventEmitter();

beforeAll(async () => {
  t = await startSandboxApp();
  dir = await mkdtemp(join(tmpdir(), 'porthole-follow-'));
});
afterEach(async () => {
  await hub.close();
});
afterAll(async () => {
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

function newHub(): ForwardsHub {
  hub = new ForwardsHub({ aws: t.app.aws, dataDir: dir, events: { updated: (e) => updates.emit('updated', e), stats: () => undefined }, restartSchedule: SCHEDULE });
  return hub;
}

/** Resolves with the forward once an `updated` event (or its state now) satisfies `predicate`. */
async function until(id: string, predicate: (f: ForwardInfo) => boolean): Promise<ForwardInfo> {
  const now = hub.list().find((f) => f.id === id);
  if (now !== undefined && predicate(now)) return now;
  for (;;) {
    const [e] = (await once(updates, 'updated')) as [{ id: string; forward: ForwardInfo | null }];
    if (e.id === id && e.forward !== null && predicate(e.forward)) return e.forward;
  }
}

async function echoes(port: number | null): Promise<void> {
  if (port === null) throw new Error('the forward is not listening');
  const echoed = await echoTransfer(port, ECHO_BYTES);
  expect(echoed.receivedSha256).toBe(echoed.sentSha256);
}

const taskOf = (f: ForwardInfo): string => (f.spec.target.kind === 'ecs-container' ? f.spec.target.taskArn : '');

describe('a forward following its service', () => {
  it('comes back on another running task of the service when its task is stopped, auto-restart asked or not; a pinned forward gives up', async () => {
    const sandbox = t.app.sandbox;
    if (sandbox === null) throw new Error('the sandbox did not start');
    Object.assign(sandbox.taskStopping, STOPPED_AT_ONCE);
    const h = newHub();
    const ecs = new ECSClient(clientConfig(sandbox));
    try {
      // The tree has the service open, its tasks listed running, as when a forward is made from it.
      await t.app.aws.inventory.children(nodeId.service(DEMO_APP.web.profile, DEMO_APP.web.region, DEMO_CLUSTER_ARN, WEB_SERVICE));
      const base = { target: DEMO_APP.web, remotePort: ECHO_PORT, localPort: 'auto', autoRestart: true };
      // Made with auto-restart off: following its service is going on to the task that replaces its own.
      const following = await h.create(ForwardSpecSchema.parse({ ...base, autoRestart: false, follow: { service: WEB_SERVICE } }));
      expect(following.spec.autoRestart).toBe(true);
      await expect(h.setAutoRestart(following.id, false)).rejects.toMatchObject({ code: 'invalid-spec', message: FOLLOW_RESTARTS_TEXT });
      const pinned = await h.create(ForwardSpecSchema.parse(base));
      const first = await until(following.id, (f) => f.state === 'listening');
      expect(taskOf(first)).toBe(DEMO_APP.web.taskArn);
      await echoes(first.localPort);
      await echoes((await until(pinned.id, (f) => f.state === 'listening')).localPort);

      await ecs.send(new StopTaskCommand({ cluster: DEMO_APP.web.cluster, task: DEMO_APP.web.taskArn, reason: 'Deployment replaced the task' }));
      const moved = await until(following.id, (f) => f.state === 'listening' && taskOf(f) !== DEMO_APP.web.taskArn);
      expect(moved.localPort).toBe(first.localPort);
      expect(moved.spec.follow).toEqual({ service: WEB_SERVICE });
      expect(moved.spec.targetLabel?.path).toContain(shortTaskId(taskOf(moved)));
      await echoes(moved.localPort);

      // The pinned forward is today's: its task is gone, and it says so.
      const gone = await until(pinned.id, (f) => f.state === 'failed');
      expect(taskOf(gone)).toBe(DEMO_APP.web.taskArn);
    } finally {
      ecs.destroy();
    }
  });

  it('made on a task that is gone, starts on a running task of the service and its row names that task', async () => {
    const sandbox = t.app.sandbox;
    if (sandbox === null) throw new Error('the sandbox did not start');
    Object.assign(sandbox.taskStopping, STOPPED_AT_ONCE);
    const ecs = new ECSClient(clientConfig(sandbox));
    try {
      // Stopped before the forward is made (a window's tree may still show it): stopping it again is harmless.
      await ecs.send(new StopTaskCommand({ cluster: DEMO_APP.web.cluster, task: DEMO_APP.web.taskArn, reason: 'Deployment replaced the task' }));
    } finally {
      ecs.destroy();
    }
    const h = newHub();
    const f = await h.create(ForwardSpecSchema.parse({ target: DEMO_APP.web, remotePort: ECHO_PORT, localPort: 'auto', autoRestart: true, follow: { service: WEB_SERVICE } }));
    // The reply itself names the task it starts on, never the gone one it was made on.
    expect(taskOf(f)).not.toBe(DEMO_APP.web.taskArn);
    expect(f.spec.targetLabel?.path).toContain(shortTaskId(taskOf(f)));
    const listening = await until(f.id, (x) => x.state === 'listening');
    // Another task of the service (web2, or the one the service started in its place), named in the row.
    const now = taskOf(listening);
    expect(now).not.toBe(DEMO_APP.web.taskArn);
    expect(now).toContain(':task/demo-web/');
    expect(listening.spec.targetLabel?.path).toContain(shortTaskId(now));
    const listed = h.list().find((x) => x.id === f.id);
    expect(listed === undefined ? undefined : taskOf(listed)).toBe(now);
    await echoes(listening.localPort);
  });

  it('says plainly that no task of the service is ready, and keeps retrying', async () => {
    const h = newHub();
    // The api service has no container named app: no task of it can take this forward.
    const f = await h.create(ForwardSpecSchema.parse({ target: DEMO_APP.web2, remotePort: ECHO_PORT, localPort: 'auto', autoRestart: true, follow: { service: 'api' } }));
    // Retrying (reconnecting), and saying why.
    await until(f.id, (x) => x.state === 'reconnecting' && x.error?.message === noReadyServiceTaskText('api', true));
    expect(noReadyServiceTaskText('api', true)).toBe('No running task of service api is ready for ECS Exec — retrying.');
  });

  it('is saved following its service, described by the service (not a task), through the store, and read so by the next run', async () => {
    const h = newHub();
    const f = await h.create(ForwardSpecSchema.parse({ target: DEMO_APP.web2, remotePort: ECHO_PORT, localPort: 'auto', follow: { service: WEB_SERVICE } }));
    const saved = await h.save(f.id);
    // The saved entry names the service; the live row, the task it runs on.
    const serviceOnly = { name: 'app', path: 'demo-web › web' };
    expect(saved.spec.targetLabel).toEqual(serviceOnly);
    const live = h.list().find((x) => x.id === f.id);
    expect(live?.spec.targetLabel?.path).toBe(`demo-web › web › ${shortTaskId(live === undefined ? '' : taskOf(live))}`);
    const next = new ForwardsHub({ aws: t.app.aws, dataDir: dir, events: { updated: () => undefined, stats: () => undefined } });
    try {
      const read = (await next.saved.list()).find((s) => s.savedId === saved.savedId);
      expect(read?.spec.targetLabel).toEqual(serviceOnly);
      expect(read?.spec.follow).toEqual({ service: WEB_SERVICE });
      // Its Start in the next run (this run's forward stopped: it holds the saved port) picks a ready task of the service, and the reply names it.
      await h.stop(f.id);
      const restored = await next.restore(saved.savedId);
      expect(restored.spec.targetLabel?.path).toBe(`demo-web › web › ${shortTaskId(taskOf(restored))}`);
    } finally {
      await next.close();
    }
  });
});
