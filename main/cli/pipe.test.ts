// The drop-in and the other commands write to pipes owned by someone else (the AWS CLI, ssh,
// `| head`). A reader that goes away must end the command quietly, never crash it with EPIPE.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../testing/cli/cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'porthole-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A recording with far more output than a pipe buffer holds, all at time 0. */
function bigCast(): string {
  const file = join(dir, 'big.cast');
  const line = JSON.stringify([0, 'o', 'x'.repeat(4096)]);
  writeFileSync(file, [JSON.stringify({ version: 2, width: 80, height: 24 }), ...Array.from({ length: 2000 }, () => line)].join('\n') + '\n');
  return file;
}

describe('a closed stdout', () => {
  it('ends `porthole play` quietly with status 0 when the reader goes away (EPIPE)', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'porthole.js'), 'play', bigCast(), '--speed', '1000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read one chunk, then close our end, as `| head -c 10` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });
});
