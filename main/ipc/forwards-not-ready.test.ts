// A forward to a target the tree knows cannot take a session (its ECS Exec agent down, its SSM
// agent lost) is refused by main itself, in the form's words, with what to do and nothing listed:
// a window whose tree is older than main's can still send one. A target main has not loaded is
// tried as before, and an edit that moves a forward onto such a target is refused the same way.
import { beforeAll, describe, expect, it } from 'vitest';
import type { InstanceRef, InventoryNode } from '../../shared/contract/index.js';
import { sandboxAppPerFile } from '../../testing/composition/app-per-file.js';
import { DEMO_APP } from '../../testing/composition/sandbox-app.js';
import type { TestClient } from '../../testing/composition/test-client.js';
import { nodeId } from '../aws/inventory/node-ids.js';
import { loadTaskRows } from '../../testing/aws/inventory/load-task.js';

const app = sandboxAppPerFile();
let c: TestClient;
beforeAll(() => {
  c = app.window();
});

const REGION_ID = nodeId.region(DEMO_APP.brokenAgent.profile, DEMO_APP.brokenAgent.region);
/** The demo world's instance whose SSM agent lost contact (demo-world.json). */
const LOST_CONTACT: InstanceRef = { ...DEMO_APP.instance, instanceId: 'i-0a1b2c3d4e5f60004' };
const spec = { remotePort: 8080, localPort: 'auto' as const };

async function children(parentId: string): Promise<InventoryNode[]> {
  return (await c.call('inventory', 'children', { parentId })).nodes;
}

/** Loads the tree down to the task that holds `taskArn`, as a window expanding it would. */
const loadTask = (clusterName: string, taskArn: string): Promise<void> => loadTaskRows(children, REGION_ID, clusterName, taskArn);

describe('forwards to a target that cannot take a session', () => {
  it('is tried while main has not loaded the target', async () => {
    // Nothing loaded yet: main knows nothing against it, so the forward is listed (it fails later, on its own).
    const { forward } = await c.call('forwards', 'create', { spec: { ...spec, target: DEMO_APP.brokenAgent } });
    await c.call('forwards', 'remove', { id: forward.id });
  });

  it('is refused once loaded, with the reason the form gives and a next step, and nothing listed', async () => {
    await loadTask('demo-workers', DEMO_APP.brokenAgent.taskArn);
    const container = await c.call('forwards', 'create', { spec: { ...spec, target: DEMO_APP.brokenAgent } }).catch((e: unknown) => e);
    expect(container).toMatchObject({
      code: 'failed',
      message: expect.stringMatching(/^Not started: worker cannot take a session now\. The ECS Exec agent is stopped/),
      nextStep: expect.stringMatching(/ssmmessages/),
    });

    await children(REGION_ID);
    const instance = await c.call('forwards', 'create', { spec: { ...spec, remotePort: 80, target: LOST_CONTACT } }).catch((e: unknown) => e);
    expect(instance).toMatchObject({
      code: 'failed',
      message: 'Not started: lost-contact cannot take a session now. The SSM agent lost contact with AWS.',
      nextStep: 'Run Diagnose on the instance for the cause.',
    });
    expect((await c.call('forwards', 'list', {})).forwards).toEqual([]);
  });

  it('refuses an edit onto such a target and keeps the forward as it was', async () => {
    await children(REGION_ID);
    const { forward } = await c.call('forwards', 'create', { spec: { ...spec, remotePort: 22, target: DEMO_APP.instance } });
    const err = await c.call('forwards', 'edit', { id: forward.id, spec: { ...forward.spec, target: LOST_CONTACT } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'failed', message: 'Not started: lost-contact cannot take a session now. The SSM agent lost contact with AWS.' });
    const listed = (await c.call('forwards', 'list', {})).forwards.find((f) => f.id === forward.id);
    expect(listed?.spec.target).toEqual(DEMO_APP.instance);
    await c.call('forwards', 'remove', { id: forward.id });
  });
});

describe('a target the tree last saw not ready that is ready now', () => {
  it('is described anew before a refusal: an agent that reconnected is allowed, and the tree says so', async () => {
    await children(REGION_ID);
    const cached = (await children(REGION_ID)).find((n) => n.kind === 'instance' && n.instanceId === LOST_CONTACT.instanceId);
    expect(cached).toMatchObject({ pingStatus: 'ConnectionLost' });
    // The agent comes back after the listing: the tree still says lost until something asks AWS again.
    const sandbox = app.porthole.sandbox;
    if (sandbox === null) throw new Error('no sandbox');
    const spec = sandbox.world.region(sandbox.world.defaultAccount, LOST_CONTACT.region).instancesById.get(LOST_CONTACT.instanceId);
    if (spec === undefined) throw new Error('no lost-contact instance in the demo world');
    spec.pingStatus = 'Online';

    const { forward } = await c.call('forwards', 'create', { spec: { remotePort: 80, localPort: 'auto', target: LOST_CONTACT } });
    expect(forward.spec.target).toEqual(LOST_CONTACT);
    const now = (await c.call('inventory', 'children', { parentId: REGION_ID })).nodes.find((n) => n.kind === 'instance' && n.instanceId === LOST_CONTACT.instanceId);
    expect(now).toMatchObject({ pingStatus: 'Online' });
    await c.call('forwards', 'remove', { id: forward.id });
  });
});
