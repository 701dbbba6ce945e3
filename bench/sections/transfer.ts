// Issue 17: file transfer payload MB/s, upload and download, with and without gzip, against the
// same kind of session's raw shell-output rate (a pty in raw mode printing bytes), for the
// unpaced sandbox agent and the faithful one (1 ms per 1 KB read, as the real agent).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShellSession } from '../../main/ssm/shell/shell-session.js';
import { localSource, localTarget, Transfer, TRANSFER } from '../../main/transfer/index.js';
import type { BenchRow, BenchSection } from '../report.js';
import { startStandaloneSandbox, type StandaloneSandbox } from './standalone-sandbox.js';
import { MB, median } from './stats.js';

export const TRANSFER_BENCH = {
  /** Payload per transfer at scale 1: several seconds at the faithful agent's rate, so start-up is small next to it. */
  BYTES: 8 * MB,
  /** Raw output per reference run (same session kind, same pacing). */
  RAW_BYTES: 8 * MB,
  /** Runs per figure (median): the machine is shared. */
  RUNS: 3,
  /** Log-like text compresses ~5× with gzip -1: what compression buys; random bytes show its cost. */
  LOG_LINE: '2026-12-05T21:30:00.123Z INFO  [worker-3] request id=%ID% path=/api/v1/items status=200 ms=%MS%\n',
} as const;

type Content = 'text' | 'random';
interface Case { readonly pacing: 'unpaced' | 'faithful'; readonly content: Content; readonly compress: boolean }

const CASES: readonly Case[] = [
  { pacing: 'unpaced', content: 'text', compress: true },
  { pacing: 'unpaced', content: 'text', compress: false },
  { pacing: 'unpaced', content: 'random', compress: true },
  { pacing: 'unpaced', content: 'random', compress: false },
  { pacing: 'faithful', content: 'text', compress: true },
  { pacing: 'faithful', content: 'text', compress: false },
];

function content(kind: Content, bytes: number): Buffer {
  if (kind === 'random') return randomBytes(bytes);
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = TRANSFER_BENCH.LOG_LINE.replace('%ID%', (i * 7919).toString(16)).replace('%MS%', String(i % 997));
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join('')).subarray(0, bytes);
}

function shell(sb: StandaloneSandbox): () => Promise<ShellSession> {
  return async () => new ShellSession({
    credentials: await sb.start(), target: 'i-0a1b2c3d4e5f60002', size: { cols: TRANSFER.COLS, rows: TRANSFER.ROWS },
    resumeSession: sb.resumeSession, terminateSession: sb.terminateSession,
  });
}

/** MB/s of a shell session's output: `head -c N /dev/zero` printed through a raw pty. */
async function rawShellOutput(sb: StandaloneSandbox, bytes: number): Promise<number> {
  const session = await shell(sb)();
  let got = -1;
  let start = 0;
  let text = '';
  const done = new Promise<number>((resolve) => {
    session.on('output', (b) => {
      if (got < 0) {
        text += Buffer.from(b).toString('latin1');
        const at = text.indexOf('GO\n');
        if (at < 0) return;
        start = performance.now();
        got = text.length - at - 3;
      } else got += b.length;
      if (got >= bytes) resolve((bytes / MB) / ((performance.now() - start) / 1000));
    });
  });
  await session.open();
  session.write(`stty raw -echo; printf 'G''O\\n'; head -c ${bytes} /dev/zero\n`);
  const rate = await done;
  await session.terminate();
  return rate;
}

/** Payload MB/s of one transfer, from the start of its data phase to the verified end. */
async function timed(t: Transfer): Promise<number> {
  let start = 0;
  t.on('phase', (p) => { if (p === 'Uploading' || p === 'Downloading') start = performance.now(); });
  const outcome = await t.done;
  return (outcome.bytes / MB) / ((performance.now() - start) / 1000);
}

export async function benchTransfer(scale: number): Promise<Omit<BenchSection, 'seconds'>> {
  const bytes = Math.max(1, Math.round(TRANSFER_BENCH.BYTES * scale));
  const dir = await mkdtemp(join(tmpdir(), 'porthole-bench-transfer-'));
  const rows: BenchRow[] = [];
  const detail: string[] = ['| agent | content | gzip | upload MB/s | download MB/s | raw shell output MB/s | upload / raw | download / raw |', '|---|---|---|---|---|---|---|---|'];
  try {
    for (const pacing of ['unpaced', 'faithful'] as const) {
      const sb = await startStandaloneSandbox(pacing);
      try {
        const raw = median(await repeat(() => rawShellOutput(sb, Math.round(TRANSFER_BENCH.RAW_BYTES * scale))));
        for (const c of CASES.filter((x) => x.pacing === pacing)) {
          const src = join(dir, `${c.content}.src`);
          await writeFile(src, content(c.content, bytes));
          // Relative: the target shell starts in its own folder, the one place a confined sandbox target can write (its /tmp is its own, not the host's).
          const remote = `porthole-bench-${c.content}-${pacing}-${c.compress}.remote`;
          const up = median(await repeat(async () => timed(new Transfer(shell(sb), { direction: 'upload', label: 'sandbox', remotePath: remote, compress: c.compress, source: await localSource(src) }))));
          const down = median(await repeat(async () => {
            const back = join(dir, `back-${Math.random().toString(16).slice(2)}`);
            const rate = await timed(new Transfer(shell(sb), { direction: 'download', label: 'sandbox', remotePath: remote, compress: c.compress, target: (n, d, nonce) => localTarget(back, n, d, nonce) }));
            await rm(back, { force: true });
            return rate;
          }));
          const name = `${pacing} agent, ${c.content}, ${c.compress ? 'gzip' : 'no gzip'}`;
          const baseline = { value: raw, label: `raw shell output (${pacing})` };
          rows.push({ figure: `transfer upload payload (${name})`, value: up, unit: 'MB/s', baseline });
          rows.push({ figure: `transfer download payload (${name})`, value: down, unit: 'MB/s', baseline });
          detail.push(`| ${pacing} | ${c.content} | ${c.compress ? 'yes' : 'no'} | ${up.toFixed(2)} | ${down.toFixed(2)} | ${raw.toFixed(2)} | ${(up / raw).toFixed(2)} | ${(down / raw).toFixed(2)} |`);
        }
      } finally {
        await sb.stop();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return {
    title: 'File transfer (issue 17)',
    rows,
    detail: [
      `Payload ${(bytes / MB).toFixed(1)} MB per transfer, median of ${TRANSFER_BENCH.RUNS} runs, timed from the data phase to the verified end (both SHA-256s).`,
      'Raw shell output: `head -c N /dev/zero` through a raw pty in the same kind of session. Base64 alone costs 4/3 (plus a newline per 76 characters), so without gzip a transfer can reach at most ~0.74× the raw rate.',
      'Uploads ride the input direction (keystroke frames of ≤ 1 KB, each acknowledged, a `head -c` per chunk on the target, SHA-256 of the temp file before the rename), so their ratio to the output rate is lower than downloads\'; gzip on incompressible data costs more than it saves.',
      '',
      ...detail,
    ].join('\n'),
  };
}

async function repeat(run: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < TRANSFER_BENCH.RUNS; i++) out.push(await run());
  return out;
}
