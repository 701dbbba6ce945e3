import { existsSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMBINED_OUTPUT, CombinedOutputFile } from './combined-output.js';

/** Path of the file behind an open fd (Linux), to check it is removed. */
const pathOf = async (fd: number) => (await import('node:fs/promises')).readlink(`/proc/self/fd/${fd}`);

/** Files made by the running test, removed afterwards even when an assertion failed. */
const made: CombinedOutputFile[] = [];
const newFile = (): CombinedOutputFile => {
  const f = new CombinedOutputFile();
  made.push(f);
  return f;
};
afterEach(() => {
  for (const f of made.splice(0)) f.dispose();
});

describe('CombinedOutputFile', () => {
  it('streams what was written through its fd, pausing while the sink is full, then removes itself', async () => {
    const file = newFile();
    const path = await pathOf(file.writeFd);
    const total = COMBINED_OUTPUT.READ_BYTES * 3 + 17;
    const written = Buffer.alloc(total);
    for (let i = 0; i < total; i++) written[i] = i % 251;
    writeSync(file.writeFd, written);
    file.releaseWriteFd();
    const got: Buffer[] = [];
    let paused = 0;
    await file.stream((chunk) => {
      got.push(Buffer.from(chunk)); // the read buffer is reused: keep a copy
      if (got.length % 2 === 1) return true;
      paused++;
      setImmediate(() => file.resume()); // the pump drains later
      return false;
    });
    expect(Buffer.concat(got).equals(written)).toBe(true);
    expect(paused).toBeGreaterThan(0);
    file.dispose();
    expect(existsSync(dirname(path))).toBe(false);
  });

  it('leaves bytes the sink still holds untouched until it resumes', async () => {
    const file = newFile();
    writeSync(file.writeFd, Buffer.alloc(COMBINED_OUTPUT.READ_BYTES, 1));
    writeSync(file.writeFd, Buffer.alloc(COMBINED_OUTPUT.READ_BYTES, 2));
    file.releaseWriteFd();
    const held: number[][] = [];
    await file.stream((chunk) => {
      const view = chunk;
      setImmediate(() => {
        // A few turns later (the pump sending), the held bytes are still the ones handed over.
        held.push([view[0] ?? -1, view[view.length - 1] ?? -1]);
        file.resume();
      });
      return false;
    });
    expect(held).toEqual([[1, 1], [2, 2]]);
    file.dispose();
  });

  it('dispose while paused ends the stream and removes the file', async () => {
    const file = newFile();
    const path = await pathOf(file.writeFd);
    writeSync(file.writeFd, Buffer.alloc(COMBINED_OUTPUT.READ_BYTES * 4));
    file.releaseWriteFd();
    let chunks = 0;
    await file.stream(() => {
      chunks++;
      setImmediate(() => file.dispose());
      return false;
    });
    expect(chunks).toBe(1);
    expect(existsSync(dirname(path))).toBe(false);
    expect(() => file.writeFd).toThrow();
  });
});
