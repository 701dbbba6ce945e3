// A command that prints a lot and exits (issue 20.1): the client receives every byte it printed,
// SHA-256 equal, in faithful and unpaced pacing, with the CPUs busy and the sandbox's event loop
// stalled past node-pty's 200 ms discard window — the agent ends the session only once the pty
// has been read to its end (EIO), never on a timer. 50 runs per pacing: many small outputs, each
// above the shell pump's high-water mark so the pty is paused for flow control when the command
// exits, plus a few large ones.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../testing/ssm/sandbox-harness.js';
import type { CloseReason } from '../datachannel/types.js';
import { ShellSession } from './shell-session.js';

/** `seq 1 N` per run: ~82 KB (2.5× the shell pump's 32 KB high-water mark) for most runs … */
const SMALL_SEQ = 15_000;
/** … and ~1.3 MB / ~4.3 MB for the large ones (faithful pacing sends ≈ 1 MB/s, §16). */
const LARGE_SEQ = { faithful: 200_000, unpaced: 600_000 } as const;
const SMALL_RUNS = 48;
const LARGE_RUNS = 2;
/** Sessions at a time. */
const PARALLEL = 8;
/** CPU hogs for the duration (one per core of the CI box). */
const HOGS = 2;
/** The sandbox's event loop is blocked this long … */
const STALL_MS = 250;
/** … every this often: longer than node-pty's 200 ms discard, so exits land in stalls. */
const STALL_EVERY_MS = 1_000;
/** A bound for 50 sessions on a loaded machine, not a target. */
const TEST_TIMEOUT_MS = 600_000;

function seqText(n: number): Buffer {
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) lines.push(`${i}\r\n`); // the pty's onlcr turns \n into \r\n
  return Buffer.from(lines.join(''));
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

interface RunResult {
  sha: string;
  bytes: number;
  reason: CloseReason;
}

function runCommand(h: Harness, n: number): Promise<RunResult> {
  const creds = h.addSession({ type: 'InteractiveCommands', command: `seq 1 ${n}` });
  const session = new ShellSession({ credentials: creds, target: creds.target, size: { cols: 80, rows: 24 }, resumeSession: h.resumeSession });
  const hash = createHash('sha256');
  let bytes = 0;
  session.on('output', (chunk) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  const closed = new Promise<CloseReason>((resolve) => session.on('closed', resolve));
  void session.open().catch(() => undefined); // a failed open shows up as the close reason
  return closed.then((reason) => ({ sha: hash.digest('hex'), bytes, reason }));
}

async function inBatches<T>(count: number, parallel: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let at = 0; at < count; at += parallel) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(parallel, count - at) }, (_, k) => run(at + k)))));
  }
  return out;
}

let hogs: ChildProcess[] = [];
let stalls: NodeJS.Timeout | undefined;
beforeAll(() => {
  hogs = Array.from({ length: HOGS }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  stalls = setInterval(() => {
    const until = performance.now() + STALL_MS;
    while (performance.now() < until) {
      // Busy: the sandbox agent in this process reads no pty meanwhile.
    }
  }, STALL_EVERY_MS);
});
afterAll(() => {
  clearInterval(stalls);
  for (const hog of hogs) hog.kill('SIGKILL');
});

describe.each(['unpaced', 'faithful'] as const)('a command that prints and exits, %s pacing, under load', (pacing) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ pacing });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it(`delivers every byte, SHA-256 equal, in ${SMALL_RUNS + LARGE_RUNS} of ${SMALL_RUNS + LARGE_RUNS} runs`, async () => {
    const sizes = [...Array<number>(LARGE_RUNS).fill(LARGE_SEQ[pacing]), ...Array<number>(SMALL_RUNS).fill(SMALL_SEQ)];
    const expected = new Map(sizes.map((n) => [n, seqText(n)] as const));
    const results = await inBatches(sizes.length, PARALLEL, (i) => runCommand(h, sizes[i] as number));
    const wrong = results.flatMap((r, i) => {
      const want = expected.get(sizes[i] as number) as Buffer;
      return r.sha === sha(want) && r.reason.kind === 'channel-closed' ? [] : [`run ${i}: ${r.bytes} of ${want.length} bytes, ${JSON.stringify(r.reason)}`];
    });
    expect(wrong).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
