// The live tree and the prefetch never do interactive credential work. A profile assumes an
// MFA-protected role against the sandbox's STS; once its credentials have expired, polls and
// prefetches make no prompt, call nothing, report nothing and leave the tree as it was, and the
// user's next load prompts as before (after which polling resumes). The branches the poll could not
// refresh are marked stale with why (the credentials need refreshing; expired once they have) until a load or poll answers. The wall clock is moved into
// the SDK's refresh window with vi.setSystemTime (only Date is faked: the SDK and the sandbox read
// expiry from it); the live tree's clock is a ManualScheduler. No timed assertions.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { AwsWorkspace } from '../workspace.js';
import { Inventory } from './inventory.js';
import { nodeId } from './node-ids.js';
import { ManualScheduler } from '../../../testing/aws/inventory/manual-scheduler.js';

const ROLE = 'arn:aws:iam::123456789012:role/porthole-admin';
const MFA_SERIAL = 'arn:aws:iam::123456789012:mfa/porthole-dev';
const MFA_CODE = '123456';
const PROFILE = 'admin';
const REGION = 'us-east-1';
const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web';
const PROFILE_ID = nodeId.profile(PROFILE);
const REGION_ID = nodeId.region(PROFILE, REGION);
const CLUSTER_ID = nodeId.cluster(PROFILE, REGION, CLUSTER_ARN);
const INTERVAL = 30_000;
/** The shortest AssumeRole session STS grants (duration_seconds of the profile). */
const ROLE_SECONDS = 900;
/**
 * How far the wall clock moves: the role then has 4 minutes left, inside the SDK's 5-minute refresh
 * window (the next call must resolve credentials again), yet the sandbox still accepts it, and the
 * move stays under the 15 minutes of clock difference a signature is allowed (the SDK corrects its
 * clock from the sandbox's Date header, which moves with no fake).
 */
const INTO_REFRESH_WINDOW_MS = 11 * 60_000;

const dir = mkdtempSync(join(tmpdir(), 'porthole-live-mfa-'));
const clock = new ManualScheduler();
let sandbox: Sandbox;
let workspace: AwsWorkspace;
let inventory: Inventory;
const asked: string[] = [];
const events = { changed: [] as string[], errors: [] as string[], stale: [] as Array<{ parentId: string; message: string | null }> };
/** The mark while the credentials are due a refresh the poll may not make, before they expire. */
const NEED_REFRESH = 'credentials need refreshing — refresh to sign in';
const EXPIRED = 'credentials expired — refresh to sign in';
/** Past the role's expiry (the poll calls nothing, so the signature's clock allowance does not matter). */
const PAST_EXPIRY_MS = (ROLE_SECONDS + 60) * 1000;

beforeAll(async () => {
  sandbox = await startSandbox({ gateway: null });
  const endpoint = sandbox.endpoint;
  writeFileSync(
    join(dir, 'config'),
    `[profile base]\nregion = ${REGION}\nendpoint_url = ${endpoint}\n\n` +
      `[profile ${PROFILE}]\nrole_arn = ${ROLE}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nrole_session_name = porthole\nduration_seconds = ${ROLE_SECONDS}\nregion = ${REGION}\nendpoint_url = ${endpoint}\n`,
  );
  writeFileSync(join(dir, 'credentials'), `[base]\naws_access_key_id = ${sandbox.accessKeyId}\naws_secret_access_key = ${sandbox.secretAccessKey}\n`);
  workspace = new AwsWorkspace({
    env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), HOME: dir },
    mfaCodeProvider: async (serial) => { asked.push(serial); return MFA_CODE; },
  });
  inventory = new Inventory(workspace, {
    events: {
      changed: (e) => events.changed.push(e.parentId),
      error: (e) => events.errors.push(e.error.message),
      stale: (e) => events.stale.push({ parentId: e.parentId, message: e.stale?.error.message ?? null }),
    },
    live: { intervalMs: INTERVAL, scheduler: clock },
    prefetchPace: { slots: 1, minIntervalMs: 0 },
  });
  await inventory.profiles();
});
afterAll(async () => {
  vi.useRealTimers();
  inventory.live.stop();
  workspace.closeAll();
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

const op = (name: string): number => sandbox.stats.byOperation[name] ?? 0;

async function tick(ms: number): Promise<void> {
  clock.advance(ms);
  await inventory.live.whenIdle();
}

describe('background work and expiring credentials', () => {
  it('polls nothing and prompts for nothing once the MFA role has expired, and the next load prompts as before', async () => {
    await inventory.children(PROFILE_ID);
    const regionNodes = await inventory.children(REGION_ID);
    const cluster = await inventory.children(CLUSTER_ID);
    expect(asked).toEqual([MFA_SERIAL]);
    inventory.live.watch('window-1', [PROFILE_ID, REGION_ID, CLUSTER_ID], true);

    // While the assumed role is good, the poll runs as usual.
    const listedBefore = op('ecs.ListServices');
    await tick(INTERVAL);
    expect(op('ecs.ListServices')).toBeGreaterThan(listedBefore);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + INTO_REFRESH_WINDOW_MS);
    const assumed = op('sts.AssumeRole');
    const [clusters, services] = [op('ecs.ListClusters'), op('ecs.ListServices')];
    const roundsBefore = inventory.live.rounds;
    for (let i = 0; i < 3; i++) await tick(INTERVAL);
    expect(inventory.live.rounds).toBe(roundsBefore + 3);
    // Each open branch the poll could not refresh says why, once (not once per round).
    expect(events.stale).toEqual([{ parentId: REGION_ID, message: NEED_REFRESH }, { parentId: CLUSTER_ID, message: NEED_REFRESH }]);
    expect(inventory.staleOf(CLUSTER_ID)?.error.nextStep).toMatch(/^Refresh profile "admin"/);
    // Once the role's expiration has passed, the marks say so; then back inside the window.
    const inWindow = Date.now();
    vi.setSystemTime(inWindow - INTO_REFRESH_WINDOW_MS + PAST_EXPIRY_MS);
    await tick(INTERVAL);
    expect(events.stale.slice(2)).toEqual([{ parentId: REGION_ID, message: EXPIRED }, { parentId: CLUSTER_ID, message: EXPIRED }]);
    vi.setSystemTime(inWindow);

    // The prefetch of the region's clusters (not loaded yet but demo-web) waits for the user too.
    const others = regionNodes.filter((n) => n.kind === 'cluster' && n.id !== CLUSTER_ID);
    expect(others.length).toBeGreaterThan(0);
    await inventory.prefetcher.start(REGION_ID, regionNodes);

    expect(asked).toEqual([MFA_SERIAL]);
    expect(op('sts.AssumeRole')).toBe(assumed);
    expect([op('ecs.ListClusters'), op('ecs.ListServices')]).toEqual([clusters, services]);
    expect(events.errors).toEqual([]);
    expect(events.changed).toEqual([]);
    expect(await inventory.children(CLUSTER_ID)).toEqual(cluster);

    // The user refreshes the cluster: the MFA prompt comes as it always did, and polls resume.
    await inventory.refresh(CLUSTER_ID);
    expect(asked).toEqual([MFA_SERIAL, MFA_SERIAL]);
    expect(op('sts.AssumeRole')).toBe(assumed + 1);
    expect(events.errors).toEqual([]);
    expect(events.stale.slice(4)).toEqual([{ parentId: CLUSTER_ID, message: null }]);
    expect(inventory.staleOf(REGION_ID)?.error.message).toBe(EXPIRED); // not refreshed yet
    const relisted = op('ecs.ListServices');
    await tick(INTERVAL);
    expect(op('ecs.ListServices')).toBeGreaterThan(relisted);
    expect(asked).toHaveLength(2);
    // The poll answers for the region with the new credentials: its mark goes too.
    expect(events.stale.slice(5)).toEqual([{ parentId: REGION_ID, message: null }]);
    expect(inventory.staleOf(REGION_ID)).toBeUndefined();
  });
});
