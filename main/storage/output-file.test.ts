// Streamed output files on a real file system: a bad path rejects at open (no 'error' event
// later); an existing 0644 file becomes 0600; backpressure is reported and drains; a write error
// (a full device) is told once, later writes are dropped, and close still settles.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openOutputFile } from './output-file.js';
import { WAIT_BOUND_MS } from '../../testing/vitest/bounded.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'porthole-output-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('openOutputFile', () => {
  it('rejects at open for a path that cannot be written', async () => {
    await expect(openOutputFile(path.join(scratch, 'no', 'such', 'dir', 'x.cast'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(openOutputFile(scratch)).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('makes an existing file 0600 and replaces its contents', async () => {
    const file = path.join(scratch, 'old.cast');
    writeFileSync(file, 'old contents that are longer');
    chmodSync(file, 0o644);
    const out = await openOutputFile(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    out.write('new');
    await out.close();
    expect(readFileSync(file, 'utf8')).toBe('new');
    await out.close(); // idempotent
  });

  it('reports backpressure and calls back once drained; everything lands', async () => {
    const file = path.join(scratch, 'big.cast');
    const out = await openOutputFile(file);
    const chunk = 'x'.repeat(64 * 1024);
    let writes = 0;
    while (out.write(chunk)) writes++;
    writes++;
    expect(writes).toBeLessThan(1000); // the stream said "stop" rather than buffering without bound
    await new Promise<void>((resolve) => out.onDrain(resolve));
    await out.close();
    expect(statSync(file).size).toBe(writes * chunk.length);
  });

  it('a write error is told once, later writes are dropped, and close settles', async () => {
    if (!existsSync('/dev/full')) throw new Error('/dev/full is needed to provoke ENOSPC');
    const errors: Error[] = [];
    const out = await openOutputFile('/dev/full', { onError: (err) => errors.push(err) });
    out.write('a'.repeat(1024));
    await new Promise<void>((resolve) => out.onDrain(resolve));
    await expect.poll(() => errors.length, { timeout: WAIT_BOUND_MS }).toBe(1);
    expect(errors[0]).toMatchObject({ code: 'ENOSPC' });
    expect(out.write('more')).toBe(true);
    await out.close();
    expect(out.error).toBe(errors[0]);
  });
});
