// Multi-chunk transfers and the ways they fail: a file of many upload windows each way, the same
// through a lossy link with the websocket killed midway (the session resumes), cancel
// midway, the session dropped midway (the sandbox's channel-closed fault), a read-only and a full
// file system (bwrap mounts around the agent's shell), a folder the shell's non-root user may not
// write, and a target without the tools. Each failure names its cause and leaves no partial file
// on either side. `npm run soak` moves 100 MB each way through a faulty link; size alone is not
// what these tests are about.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkStats, NO_LINK_STATS, type LinkStats } from '../../testing/hardening/soak/link-stats.js';
import { startHarness, type Harness } from '../../testing/ssm/sandbox-harness.js';
import { TRANSFER } from './constants.js';
import { TransferError } from './errors.js';
import type { ChannelStatus } from '../ssm/datachannel/types.js';
import type { Transfer } from './transfer.js';
import { confinedShell, listing, sha256, startDownload, startUpload, tempDir, type Opened } from '../../testing/transfer/transfer-harness.js';

/**
 * The big file: ten upload chunks and part of one (~3.6 MB). What a big file is for here is
 * crossing the limits the engine works in, many times over; megabytes as such prove nothing more:
 * - upload: 10 full chunks are 2.5 windows of TRANSFER.UPLOAD_WINDOW_CHUNKS (4), so the sender
 *   waits for the remote's acks over and over (7 times at this size, counted with a probe); a chunk
 *   is ~450 input frames, near MAX_PENDING_INPUT_FRAMES (512), so its own flow control engages too
 *   (twice, as at 50 MB); the last, partial chunk (not a multiple of 3 or 57) ends the file off
 *   the chunk and base64 line boundaries.
 * - download: ~4.9 MB of base64 lines, ~5,000 1 KB output frames through the decoder and hash.
 *   The same probes found that 50 MB did not make the sandbox gateway's flow gate or the local
 *   file's backpressure engage either (the client keeps up on loopback): the size bought nothing.
 * - cancel and dropped session (below): far more than the agent can have sent ahead of the client
 *   when the test acts (its 1 MB of unacknowledged output, ~0.75 MB of the file), so the transfer
 *   is still midway, most of the file to come.
 * 50 MB, the size this file had, took 10-15 times as long for the same checks: ~40 s of a loaded
 * CI run, and about 2 minutes at load 25 on 2 cores (against ~15 s at this size).
 */
const BIG = 10 * TRANSFER.UPLOAD_CHUNK_BYTES + 100_001;
/**
 * Cancel or drop the session at the transfer's first progress report: the meter reports its first
 * bytes at once (ProgressMeter.add), an upload's after its first chunk was sent, a download's
 * after its first decoded bytes. Acting then, not after a given amount, keeps the tests from
 * racing the end of the transfer on a fast machine however small the file.
 */
const FIRST_BYTES = 1;

let h: Harness;
let dir: string;
let big: Buffer;
beforeAll(async () => {
  h = await startHarness();
  dir = await tempDir();
  await mkdir(join(dir, 'remote'));
  big = randomBytes(BIG);
  await writeFile(join(dir, 'big.bin'), big);
});
afterAll(async () => { await h.stop(); });

const failure = async (t: Transfer): Promise<TransferError> => {
  const err = await t.done.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(TransferError);
  return err as TransferError;
};
const when = (t: Transfer, bytes: number, act: () => void): void => {
  let fired = false;
  t.on('progress', (p) => { if (!fired && p.bytes >= bytes) { fired = true; act(); } });
};
/** Polls until `dir` holds exactly `names` (the remote trap runs a moment after the session ends). */
const settles = async (d: string, names: string[]): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (JSON.stringify(await listing(d)) !== JSON.stringify(names) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(await listing(d)).toEqual(names);
};

describe('a file of many upload windows each way', () => {
  it('uploads and downloads it as random bytes with equal SHA-256', async () => {
    const remote = join(dir, 'remote', 'big.bin');
    const up = await (await startUpload(h, join(dir, 'big.bin'), remote)).done;
    expect(up.bytes).toBe(BIG);
    expect(sha256(await readFile(remote))).toBe(sha256(big));
    const down = await startDownload(h, remote, join(dir, 'big.back')).done;
    expect(down.bytes).toBe(BIG);
    expect(down.sha256).toBe(sha256(big));
    expect(sha256(await readFile(join(dir, 'big.back')))).toBe(sha256(big));
  }, 120_000);
});

/** Both directions of the link lose, repeat and reorder frames (as the fault soak's link does). */
const LOSSY = { drop: 0.02, duplicate: 0.02, reorderWindow: 8 };
/**
 * The file sent over that link: five upload chunks and part of one (~1.9 MB), past one upload window
 * and ~2,500 frames each way, so at 2 % some are certainly lost (the test checks that they were);
 * every lost frame is resent at the retransmission timer's pace, so the big file would take twice
 * as long for nothing more.
 */
const LOSSY_BYTES = 5 * TRANSFER.UPLOAD_CHUNK_BYTES + 100_001;

describe('a lossy link and a websocket killed midway', () => {
  for (const direction of ['upload', 'download'] as const) {
    it(`the ${direction} resumes the same session and arrives whole`, async () => {
      let opened: Opened | undefined;
      const statuses: ChannelStatus[] = [];
      const seen = (o: Opened): void => {
        opened = o;
        o.session.on('status', (s) => statuses.push(s));
      };
      const faults = { toClient: LOSSY, toAgent: LOSSY };
      const bytes = big.subarray(0, LOSSY_BYTES);
      const from = direction === 'upload' ? join(dir, 'lossy-src.bin') : join(dir, 'remote', 'lossy-src.bin');
      const to = direction === 'upload' ? join(dir, 'remote', 'lossy-up.bin') : join(dir, 'lossy-down.bin');
      await writeFile(from, bytes);
      const t = direction === 'upload' ? await startUpload(h, from, to, { faults, seen }) : startDownload(h, from, to, { faults, seen });
      // The gateway forgets an ended session's figures: read them while the transfer runs.
      let link: LinkStats = NO_LINK_STATS;
      t.on('progress', () => { link = linkStats(h.gateway, opened?.sessionId ?? ''); });
      when(t, FIRST_BYTES, () => h.gateway.faults.set(opened?.sessionId ?? '', { ...faults, actions: [{ do: 'kill-socket' }] }));
      const done = await t.done;
      expect(done.bytes).toBe(LOSSY_BYTES);
      expect(done.sha256).toBe(sha256(bytes));
      expect(sha256(await readFile(to))).toBe(sha256(bytes));
      // The faults really happened: the socket was lost and the session came back on a new one,
      // and frames were lost in the direction the data went.
      expect(statuses).toContain('reconnecting');
      expect(statuses.slice(statuses.indexOf('reconnecting'))).toContain('connected');
      expect(direction === 'upload' ? link.droppedToAgent : link.droppedToClient).toBeGreaterThan(0);
    }, 120_000);
  }
});

describe('cancel and a dropped session leave nothing', () => {
  it('a cancelled upload removes its temp file on the target', async () => {
    const into = join(dir, 'remote', 'cancel-up');
    await mkdir(into);
    const t = await startUpload(h, join(dir, 'big.bin'), join(into, 'big.bin'));
    when(t, FIRST_BYTES, () => t.cancel());
    expect((await failure(t)).kind).toBe('cancelled');
    await settles(into, []);
  }, 120_000);

  it('a cancelled download leaves no local file', async () => {
    const into = join(dir, 'cancel-down');
    await mkdir(into);
    const t = startDownload(h, join(dir, 'big.bin'), join(into, 'big.bin'));
    when(t, FIRST_BYTES, () => t.cancel());
    expect((await failure(t)).kind).toBe('cancelled');
    await settles(into, []);
  }, 120_000);

  for (const direction of ['upload', 'download'] as const) {
    it(`the session ended midway fails the ${direction} as 'session ended', never a truncated success`, async () => {
      const into = join(dir, `drop-${direction}`);
      await mkdir(into);
      let opened: Opened | undefined;
      const seen = (o: Opened) => { opened = o; };
      const t = direction === 'upload'
        ? await startUpload(h, join(dir, 'big.bin'), join(into, 'big.bin'), { seen })
        : startDownload(h, join(dir, 'big.bin'), join(into, 'big.bin'), { seen });
      when(t, FIRST_BYTES, () => h.gateway.faults.set(opened?.sessionId ?? '', { actions: [{ do: 'channel-closed-112' }] }));
      const err = await failure(t);
      expect(err.kind).toBe('session-ended');
      expect(err.message).toMatch(/ended before the transfer finished/);
      await settles(into, []);
    }, 120_000);
  }
});

describe('file systems and targets that refuse', () => {
  let confined: Harness;
  let ro: string;
  let small: string;
  beforeAll(async () => {
    ro = join(dir, 'read-only');
    small = join(dir, 'small-fs');
    await mkdir(ro);
    await mkdir(small);
    const shell = await confinedShell(dir, ['--ro-bind', ro, ro, '--size', String(1024 * 1024), '--tmpfs', small]);
    confined = await startHarness({ shell });
  });
  afterAll(async () => { await confined.stop(); });

  it('an upload onto a read-only file system says so and leaves nothing', async () => {
    const err = await failure(await startUpload(confined, join(dir, 'big.bin'), join(ro, 'x.bin')));
    expect(err.kind).toBe('read-only');
    expect(err.message).toMatch(/Read-only file system/);
    expect(await listing(ro)).toEqual([]);
  });

  it('an upload onto a full file system says so and removes its temp file', async () => {
    const src = join(dir, 'three-mb.bin');
    await writeFile(src, randomBytes(3 * 1024 * 1024));
    const err = await failure(await startUpload(confined, src, join(small, 'x.bin')));
    expect(err.kind).toBe('disk-full');
    expect(err.message).toMatch(/No space left on device/);
    // The tmpfs is only visible inside the confined shell: look through a transfer that lists nothing partial.
    const probe = await failure(startDownload(confined, join(small, 'x.bin'), join(dir, 'never.bin')));
    expect(probe.kind).toBe('no-such-file');
  });

  it('an upload into a folder the shell user cannot write says permission denied and leaves nothing', async () => {
    // Tests run as root, which writes anywhere: the agent's shell runs as nobody in its own user
    // namespace (no capabilities), so the folder's read-only mode bits really refuse it (EACCES).
    const locked = join(dir, 'locked');
    await mkdir(locked, { mode: 0o555 });
    const user = await confinedShell(dir, ['--unshare-user', '--uid', '65534', '--gid', '65534']);
    const asNobody = await startHarness({ shell: user });
    try {
      const src = join(dir, 'locked-src.bin');
      await writeFile(src, randomBytes(64 * 1024));
      const err = await failure(await startUpload(asNobody, src, join(locked, 'x.bin')));
      expect(err.kind).toBe('permission-denied');
      expect(err.message).toMatch(/Permission denied/);
      expect(err.message).toMatch(/Choose a path your user can write to/);
      expect(await listing(locked)).toEqual([]);
    } finally {
      await asNobody.stop();
    }
  });

  it('a target without base64 or a hash tool names what is missing', async () => {
    const bare = await confinedShell(dir, [], '/nonexistent');
    const noTools = await startHarness({ shell: bare });
    try {
      const src = join(dir, 'small.bin');
      await writeFile(src, 'x');
      const err = await failure(await startUpload(noTools, src, join(dir, 'remote', 'nt.bin')));
      expect(err.kind).toBe('missing-tool');
      expect(err.message).toMatch(/has no base64, no sha256sum \(or openssl, or busybox\), no head/);
    } finally {
      await noTools.stop();
    }
  });
});
