// The hub's readiness re-check of a target the tree last saw not ready, against the sandbox: the
// re-describe is bounded (a call that never answers refuses in time, saying the check got no
// answer, and is aborted), and Restart and a saved forward's Start are checked as Start is.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ForwardSpecSchema, type InventoryNode } from '../../../shared/contract/index.js';
import { recheckTimedOutText } from '../../../shared/messages/forwards.js';
import { DEMO_APP, startSandboxApp, type SandboxApp } from '../../../testing/composition/sandbox-app.js';
import type { AwsService } from '../../aws/aws-service.js';
import { nodeId } from '../../aws/inventory/node-ids.js';
import { ForwardsHub } from './forwards-hub.js';

/** Short, so the test does not wait the product's bound; the message names it. */
const RECHECK_TIMEOUT_MS = 50;
const REGION_ID = nodeId.region(DEMO_APP.brokenAgent.profile, DEMO_APP.brokenAgent.region);

let t: SandboxApp;
let dir: string;
const hubs: ForwardsHub[] = [];

beforeAll(async () => {
  t = await startSandboxApp();
  dir = await mkdtemp(join(tmpdir(), 'porthole-recheck-'));
  await loadTask('demo-workers', DEMO_APP.brokenAgent.taskArn);
});
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.close()));
});
afterAll(async () => {
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Loads the tree down to the task that holds `taskArn`, as a window expanding it would. */
async function loadTask(clusterName: string, taskArn: string): Promise<void> {
  const children = (id: string): Promise<InventoryNode[]> => t.app.aws.inventory.children(id);
  const cluster = (await children(REGION_ID)).find((n) => n.kind === 'cluster' && n.label === clusterName);
  if (cluster === undefined) throw new Error(`no cluster ${clusterName}`);
  const queue = [cluster.id];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const n of await children(id)) {
      if (n.kind === 'task' && n.taskArn === taskArn) return void (await children(n.id));
      if (n.kind === 'service') queue.push(n.id);
    }
  }
  throw new Error(`no task ${taskArn}`);
}

function newHub(aws: AwsService = t.app.aws): ForwardsHub {
  const h = new ForwardsHub({ aws, dataDir: dir, events: { updated: () => undefined, stats: () => undefined }, recheckTimeoutMs: RECHECK_TIMEOUT_MS });
  hubs.push(h);
  return h;
}

const brokenSpec = ForwardSpecSchema.parse({ target: DEMO_APP.brokenAgent, remotePort: 8080, localPort: 'auto' });

describe('the re-check before a refusal', () => {
  it('does not wait past its bound for an AWS that never answers: refused, saying so, the call aborted', async () => {
    const aborted: boolean[] = [];
    // The app's AWS, except that describing a target never answers (it only heeds its abort).
    const aws = Object.create(t.app.aws) as AwsService;
    aws.describeTargetNow = (_target, signal) =>
      new Promise<void>((_resolve, reject) => {
        signal?.addEventListener('abort', () => {
          aborted.push(true);
          reject(new Error('aborted'));
        });
      });
    const err = await newHub(aws).create(brokenSpec).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'target-not-ready', message: expect.stringMatching(/^Not started: worker cannot take a session now\. The ECS Exec agent is stopped/) });
    expect((err as Error).message).toContain(recheckTimedOutText(RECHECK_TIMEOUT_MS));
    expect(aborted).toEqual([true]);
  });
});
