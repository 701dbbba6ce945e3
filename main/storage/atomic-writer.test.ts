/**
 * The atomic writer against a real file system: a burst of concurrent saves leaves valid JSON
 * holding the last state; a process SIGKILLed while writing leaves the previous state intact;
 * the mode is 0600 even over a file that was 0644; a failed write (no temp file possible beside the
 * target; a rename over a directory; a parent that is a file), as any user root included, rejects
 * and keeps the old file.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompiledMain, MAIN_BUILD_HOOK_TIMEOUT_MS } from '../../testing/build/compiled-main.js';
import { flushAtomicWrites, isTempFileOf, writeFileAtomic, writeJsonAtomic } from './atomic-writer.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const compiled = path.join(repo, 'dist', 'main', 'storage', 'atomic-writer.js');
/** The longest file name Linux and macOS file systems take (NAME_MAX). */
const NAME_MAX = 255;
const scratch = mkdtempSync(path.join(tmpdir(), 'porthole-atomic-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('100 concurrent saves leave a valid file holding the last state', async () => {
    const file = path.join(scratch, 'burst', 'forwards.json');
    const saves = Array.from({ length: 100 }, (_, i) => writeJsonAtomic(file, { version: 1, n: i, pad: 'x'.repeat(i * 50) }));
    await Promise.all(saves);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, n: 99, pad: 'x'.repeat(99 * 50) });
    expect(readdirSync(path.dirname(file))).toEqual(['forwards.json']); // no temp file left behind
  });

  it('keeps the order of saves made one after another, and the last one wins', async () => {
    const file = path.join(scratch, 'order.json');
    for (let round = 0; round < 5; round++) {
      void writeJsonAtomic(file, { round, early: true });
      await writeJsonAtomic(file, { round });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ round });
    }
  });

  it('writes 0600 over an existing 0644 file, and honours an explicit mode', async () => {
    const file = path.join(scratch, 'mode.json');
    writeFileSync(file, '{}');
    chmodSync(file, 0o644);
    await writeJsonAtomic(file, { a: 1 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await writeFileAtomic(file, 'x', { mode: 0o640 });
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('rejects when the write cannot happen (parent is a file), and the queue goes on', async () => {
    const blocker = path.join(scratch, 'blocker');
    writeFileSync(blocker, 'a file, not a directory');
    const file = path.join(blocker, 'settings.json');
    await expect(writeJsonAtomic(file, { keep: false })).rejects.toMatchObject({ code: expect.stringMatching(/^(ENOTDIR|EEXIST)$/) });
    expect(readFileSync(blocker, 'utf8')).toBe('a file, not a directory');
    const ok = path.join(scratch, 'after-failure.json');
    await writeJsonAtomic(ok, { fine: true });
    expect(JSON.parse(readFileSync(ok, 'utf8'))).toEqual({ fine: true });
  });

  // The temp file cannot be made beside the target (the step a read-only directory fails, but a
  // read-only directory does not stop root, and CI runs as root): the target's name fits the file
  // system's limit and the temp name, which adds a suffix, does not. No user can get past that.
  it('rejects when the temp file cannot be created, leaving the old file and no temp file', async () => {
    const dir = path.join(scratch, 'no-temp');
    mkdirSync(dir);
    const file = path.join(dir, `${'s'.repeat(NAME_MAX - '.json'.length)}.json`);
    writeFileSync(file, '{"keep":true}\n'); // not through the writer: its temp name is too long here
    await expect(writeJsonAtomic(file, { keep: false })).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ keep: true });
    expect(readdirSync(dir)).toEqual([path.basename(file)]);
  });

  // Runs as any user, root included: a rename that fails (the target is a directory) must reject,
  // leave what was there and remove its temp file.
  it('rejects when the rename fails, leaving the target and no temp file', async () => {
    const dir = path.join(scratch, 'rename-fails');
    const file = path.join(dir, 'settings.json');
    await writeJsonAtomic(path.join(file, 'inside.json'), { keep: true });
    await expect(writeJsonAtomic(file, { keep: false })).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(statSync(file).isDirectory()).toBe(true);
    expect(JSON.parse(readFileSync(path.join(file, 'inside.json'), 'utf8'))).toEqual({ keep: true });
    expect(readdirSync(dir).filter((n) => isTempFileOf(file, n))).toEqual([]);
  });

  it('flushAtomicWrites resolves once every queued write is on disk', async () => {
    const files = Array.from({ length: 5 }, (_, i) => path.join(scratch, 'flush', `f${i}.json`));
    for (const f of files) for (let i = 0; i < 10; i++) void writeJsonAtomic(f, { i });
    await flushAtomicWrites();
    for (const f of files) expect(JSON.parse(readFileSync(f, 'utf8'))).toEqual({ i: 9 });
  });
});

describe('a writer killed mid-write', () => {
  beforeAll(() => buildCompiledMain(repo, compiled), MAIN_BUILD_HOOK_TIMEOUT_MS);

  const ROWS = 400_000;

  /** A child that saves state A, prints "A", then saves a large state B (and more) until killed. */
  function childScript(file: string): string {
    return `
import { writeJsonAtomic } from ${JSON.stringify(pathToFileURL(compiled).href)};
const file = ${JSON.stringify(file)};
await writeJsonAtomic(file, { state: 'A' });
process.stdout.write('A\\n');
for (let n = 1; ; n++) await writeJsonAtomic(file, { state: 'B', n, rows: Array.from({ length: ${ROWS} }, (_, i) => ({ i, text: 'row ' + i })) });
`;
  }

  /** Polls the directory as fast as the loop allows; true once a write is under way (a temp file, or the target changed). */
  function writeStarted(file: string, sizeOfA: number): boolean {
    const names = readdirSync(path.dirname(file));
    if (names.some((n) => isTempFileOf(file, n))) return true;
    try {
      return statSync(file).size !== sizeOfA;
    } catch {
      return true;
    }
  }

  it('leaves the previous state intact, never a torn file', async () => {
    let caughtInFlight = 0;
    for (let run = 0; run < 3; run++) {
      const file = path.join(scratch, `killed-${run}`, 'forwards.json');
      const script = path.join(scratch, `child-${run}.mjs`);
      writeFileSync(script, childScript(file));
      const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise((r) => child.on('exit', r));
      await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('A') && resolve()));
      const sizeOfA = statSync(file).size;
      // Kill the moment the B write shows on disk: its bytes are then being written, not yet renamed.
      await new Promise<void>((resolve) => {
        const poll = (): void => {
          if (writeStarted(file, sizeOfA)) resolve();
          else setImmediate(poll);
        };
        poll();
      });
      child.kill('SIGKILL');
      await exited;
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { state: string; rows?: unknown[] };
      if (saved.state === 'A') {
        caughtInFlight++;
        expect(saved).toEqual({ state: 'A' });
      } else expect(saved.rows).toHaveLength(ROWS); // the rename won the race: complete, never torn
    }
    expect(caughtInFlight).toBeGreaterThan(0);
  });
});
