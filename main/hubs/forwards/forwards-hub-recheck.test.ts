// The hub's readiness re-check of a target the tree last saw not ready, against the sandbox: the
// re-describe is bounded (a call that never answers refuses in time, saying the check got no
// answer, and is aborted), it never prompts for credentials (one that would need the person is no
// answer, said so), and Restart and a saved forward's Start are checked as Start is. Each test has
// an app of its own (the first makes its forward before that app's tree has loaded its target).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForwardSpecSchema } from '../../../shared/contract/index.js';
import { recheckNeedsSignInText, recheckTimedOutText } from '../../../shared/messages/forwards.js';
import { DEMO_APP, startSandboxApp, type SandboxApp } from '../../../testing/composition/sandbox-app.js';
import type { AwsService } from '../../aws/aws-service.js';
import { nodeId } from '../../aws/inventory/node-ids.js';
import { CredentialsWaitForUser, inQuietWork } from '../../aws/quiet-credentials.js';
import { loadTaskRows } from '../../../testing/aws/inventory/load-task.js';
import { ForwardsHub } from './forwards-hub.js';

/** Short, so the test does not wait the product's bound; the message names it. */
const RECHECK_TIMEOUT_MS = 50;
const REGION_ID = nodeId.region(DEMO_APP.brokenAgent.profile, DEMO_APP.brokenAgent.region);

let t: SandboxApp;
let dir: string;
const hubs: ForwardsHub[] = [];

beforeEach(async () => {
  t = await startSandboxApp();
  dir = await mkdtemp(join(tmpdir(), 'porthole-recheck-'));
});
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.close()));
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Loads the broken-agent container's rows (the tree then knows its agent is stopped), as a window expanding it would. */
const loadBrokenAgent = (): Promise<void> => loadTaskRows((id) => t.app.aws.inventory.children(id), REGION_ID, 'demo-workers', DEMO_APP.brokenAgent.taskArn);

function newHub(aws: AwsService = t.app.aws): ForwardsHub {
  const h = new ForwardsHub({ aws, dataDir: dir, events: { updated: () => undefined, stats: () => undefined }, recheckTimeoutMs: RECHECK_TIMEOUT_MS });
  hubs.push(h);
  return h;
}

const brokenSpec = ForwardSpecSchema.parse({ target: DEMO_APP.brokenAgent, remotePort: 8080, localPort: 'auto' });

describe('the re-check before a refusal', () => {
  // The forward is made while main has not loaded its target (so it is tried, and listed).
  it('is made on Restart and on a saved forward\'s Start as on Start: refused once the tree knows, nothing started', async () => {
    const first = newHub();
    const made = await first.create(brokenSpec);
    const saved = await first.save(made.id);
    await first.stop(made.id);
    await loadBrokenAgent();

    const restarted = await first.restart(made.id).catch((e: unknown) => e);
    expect(restarted).toMatchObject({ code: 'target-not-ready', message: expect.stringMatching(/^Not started: worker cannot take a session now\. The ECS Exec agent is stopped/) });
    expect(first.list().find((f) => f.id === made.id)?.state).toBe('stopped');
    // Its saved entry's Start, in the panel and in the next run (nothing listed there).
    await expect(first.restore(saved.savedId)).rejects.toMatchObject({ code: 'target-not-ready' });
    expect(first.list().find((f) => f.id === made.id)?.state).toBe('stopped');
    await first.close();
    const next = newHub();
    await expect(next.restore(saved.savedId)).rejects.toMatchObject({ code: 'target-not-ready' });
    expect(next.list()).toEqual([]);
  });

  it('does not wait past its bound for an AWS that never answers: refused, saying so, the call aborted', async () => {
    await loadBrokenAgent();
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

  it('never prompts for credentials: one the describe would need is no answer, said so, and no prompt is left open', async () => {
    await loadBrokenAgent();
    const prompted: string[] = [];
    // The app's AWS, except that describing a target needs the person's credentials first: outside
    // the no-prompt mode that opens a prompt that stays open; inside it, refused as quiet work is.
    const aws = Object.create(t.app.aws) as AwsService;
    aws.describeTargetNow = (target) => {
      if (inQuietWork()) return Promise.reject(new CredentialsWaitForUser(target.profile));
      prompted.push(target.profile);
      return new Promise<void>(() => undefined);
    };
    const err = await newHub(aws).create(brokenSpec).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'target-not-ready', message: expect.stringMatching(/^Not started: worker cannot take a session now\. The ECS Exec agent is stopped/) });
    expect((err as Error).message).toContain(recheckNeedsSignInText(DEMO_APP.brokenAgent.profile));
    expect(prompted).toEqual([]);
  });
});
