// A transfer whose profile's credential_process waits on the person (a browser sign-in): while
// its session's launch waits on the helper, its row says so in the words a shell tab uses, through
// the contract's TransferInfo; a second transfer started while the helper already runs says so from
// its first row. Once the helper answers, the words go (the transfer goes on running).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TransferInfoSchema, type TransferInfo } from '../../../shared/contract/index.js';
import { startSignInHelper, type SignInHelper } from '../../../testing/aws/sign-in-helper.js';
import { AwsService } from '../../aws/aws-service.js';
import { shellLauncher } from '../../aws/launch/shell-launcher.js';
import { TransfersHub } from './transfers-hub.js';

const WORDS = 'Waiting for the credential_process of profile "signin" (the source of "work"): finish any sign-in or key touch it asks for. It is stopped after 300 s.';
/** How long the test waits for an event it expects: the helper's shell start under load, never a measured figure. */
const EVENT_WAIT = { timeout: 20_000, interval: 20 };
/** Bytes the upload says it will send (none is sent: the test is about its launch). */
const UPLOAD_SIZE = 4;

let helper: SignInHelper;
let dataDir: string;

beforeAll(async () => {
  helper = await startSignInHelper('porthole-transfer-helper-');
  dataDir = await mkdtemp(join(tmpdir(), 'porthole-transfer-helper-hub-'));
});
afterAll(async () => {
  await helper.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('transfers launching while their credential_process runs', () => {
  it('say they wait on the helper, a download and then an upload started meanwhile, and stop saying so once it answers', async () => {
    helper.reset();
    const aws = new AwsService({ env: helper.env });
    // What a window receives: every update as the contract reads it.
    const seen: TransferInfo[] = [];
    const hub = new TransfersHub({ launch: shellLauncher(aws, () => Promise.resolve('/bin/sh')), dataDir, updated: (t) => seen.push(TransferInfoSchema.parse(t)), notice: () => undefined });
    const target = { kind: 'instance', profile: 'work', region: helper.sandbox.region, instanceId: 'i-0a1b2c3d4e5f60002' } as const;
    const latest = (id: string): TransferInfo | undefined => seen.findLast((t) => t.id === id);
    try {
      const down = hub.startDownload({ target, remotePath: '/etc/hostname', compress: true });
      await vi.waitFor(() => expect(latest(down.id)).toMatchObject({ state: 'running', helperWait: WORDS }), EVENT_WAIT);
      // The helper already runs: the upload's first row says so, and so does what a new window lists.
      const up = TransferInfoSchema.parse(hub.startUpload({ target, remotePath: '/tmp/x', name: 'x', size: UPLOAD_SIZE, compress: true }));
      expect(up).toMatchObject({ state: 'running', helperWait: WORDS });
      expect(hub.list().map((t) => t.helperWait)).toEqual([WORDS, WORDS]);
      const before = seen.length;
      helper.finish();
      // The helper answered: both rows are told, still running, without the words.
      await vi.waitFor(() => {
        for (const id of [down.id, up.id]) expect(seen.slice(before).some((t) => t.id === id && t.state === 'running' && t.helperWait === undefined)).toBe(true);
      }, EVENT_WAIT);
    } finally {
      // A launch still waiting would hold close() until the helper's limit.
      helper.finish();
      await hub.close();
      aws.close();
    }
  });
});
