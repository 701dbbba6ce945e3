// A forward whose profile's credential_process waits on the person (a browser sign-in): while its
// session start waits on the helper, its row says so in the words a shell tab uses, through the
// contract's ForwardInfo; once the helper answers the words go. A Start of a stopped forward whose
// credentials must be fetched again waits, and says so, the same way.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ForwardInfoSchema, ForwardSpecSchema, type ForwardInfo } from '../../../shared/contract/index.js';
import { startSignInHelper, type SignInHelper } from '../../../testing/aws/sign-in-helper.js';
import { DEMO_APP } from '../../../testing/composition/sandbox-app.js';
import { AwsService } from '../../aws/aws-service.js';
import { ForwardsHub } from './forwards-hub.js';

const WORDS = 'Waiting for the credential_process of profile "signin" (the source of "work"): finish any sign-in or key touch it asks for. It is stopped after 300 s.';
/** How long the test waits for an event it expects: the helper's shell start under load, never a measured figure. */
const EVENT_WAIT = { timeout: 20_000, interval: 20 };

let helper: SignInHelper;
let dataDir: string;

beforeAll(async () => {
  helper = await startSignInHelper('porthole-forward-helper-');
  dataDir = await mkdtemp(join(tmpdir(), 'porthole-forward-helper-hub-'));
});
afterAll(async () => {
  await helper.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** What a test gets: a hub on its own AwsService, and every row update it sent as a window receives it. */
interface HubRun {
  readonly aws: AwsService;
  readonly hub: ForwardsHub;
  /** Every update as the contract reads it. */
  readonly seen: ForwardInfo[];
}

/** Runs `body` with a fresh hub (the helper reset first), closing the hub and its AwsService after. */
async function withHub(body: (run: HubRun) => Promise<void>): Promise<void> {
  helper.reset();
  const aws = new AwsService({ env: helper.env });
  const seen: ForwardInfo[] = [];
  const hub = new ForwardsHub({ aws, dataDir, events: { updated: (e) => { if (e.forward) seen.push(ForwardInfoSchema.parse(e.forward)); }, stats: () => undefined }, notice: () => undefined });
  try {
    await body({ aws, hub, seen });
  } finally {
    await hub.close();
    aws.close();
  }
}

/** The index of the last update whose row carries the words, -1 when none does. */
const waitedAt = (seen: readonly ForwardInfo[]): number => seen.findLastIndex((f) => f.helperWait === WORDS);

/** Waits for an update at index `from` or later whose row carries the words. */
async function waitsFrom(seen: readonly ForwardInfo[], from: number): Promise<void> {
  await vi.waitFor(() => expect(waitedAt(seen)).toBeGreaterThanOrEqual(from), EVENT_WAIT);
}

/** Has the helper answer, then waits for a later update of the row that no longer carries the words. */
async function answerAndClear(seen: readonly ForwardInfo[]): Promise<void> {
  helper.finish();
  await vi.waitFor(() => expect(seen.slice(waitedAt(seen) + 1).some((f) => f.helperWait === undefined)).toBe(true), EVENT_WAIT);
}

describe('a forward starting while its credential_process runs', () => {
  it('says it waits on the helper while it does, on its first start and on a later Start', async () => {
    await withHub(async ({ aws, hub, seen }) => {
      const spec = ForwardSpecSchema.parse({ target: { kind: 'instance', profile: 'work', region: helper.sandbox.region, instanceId: 'i-0a1b2c3d4e5f60002' }, remotePort: 22, localPort: 'auto' });
      const { id } = await hub.create(spec);
      await waitsFrom(seen, 0);
      expect(seen[waitedAt(seen)]).toMatchObject({ id, state: 'starting' });
      // The helper answered: a later update of the row no longer carries the words.
      await answerAndClear(seen);

      await hub.stop(id);
      expect(hub.list().find((f) => f.id === id)?.helperWait).toBeUndefined();
      // Credentials fetched afresh: the next Start runs the helper again.
      aws.workspace.close('work');
      helper.reset();
      const before = seen.length;
      await hub.restart(id);
      await waitsFrom(seen, before);
      await answerAndClear(seen);
    });
  });

  it('says it waits on the helper while a forward following its service looks for the service\'s task', async () => {
    await withHub(async ({ hub, seen }) => {
      // The cluster is listed (through the helper's credentials) before the session starts.
      const spec = ForwardSpecSchema.parse({ target: { ...DEMO_APP.web2, profile: 'work', region: helper.sandbox.region }, remotePort: 9000, localPort: 'auto', follow: { service: 'web' } });
      const { id } = await hub.create(spec);
      await waitsFrom(seen, 0);
      expect(seen[waitedAt(seen)]).toMatchObject({ id, state: 'starting' });
      await answerAndClear(seen);
    });
  });
});
