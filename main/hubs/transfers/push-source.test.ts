// The renderer's upload bytes: taken in order, held back past the buffer limit until the
// transfer reads, and a failure reaches both the sender and the reader.
import { describe, expect, it } from 'vitest';
import { TransferError } from '../../transfer/index.js';
import { PUSH_SOURCE, PushSource } from './push-source.js';

const chunk = (n: number, fill = 1) => Buffer.alloc(n, fill);

describe('PushSource', () => {
  it('yields the pushed bytes in order and ends at the announced size', async () => {
    const s = new PushSource(6);
    await s.push(0, chunk(4, 1));
    await s.push(4, chunk(2, 2));
    const got: Buffer[] = [];
    for await (const c of s) got.push(Buffer.from(c));
    expect(Buffer.concat(got)).toEqual(Buffer.from([1, 1, 1, 1, 2, 2]));
  });

  it('refuses a chunk out of order or past the size', async () => {
    const s = new PushSource(4);
    await expect(s.push(1, chunk(1))).rejects.toThrow(/at byte 1 arrived where byte 0 was expected/);
    await expect(s.push(0, chunk(5))).rejects.toThrow(/more than the 4 bytes/);
  });

  it('answers a push only once the buffer has room (the renderer waits for it)', async () => {
    const size = PUSH_SOURCE.HIGH_WATER_BYTES * 2;
    const s = new PushSource(size);
    await s.push(0, chunk(PUSH_SOURCE.HIGH_WATER_BYTES));
    let answered = false;
    const second = s.push(PUSH_SOURCE.HIGH_WATER_BYTES, chunk(PUSH_SOURCE.HIGH_WATER_BYTES)).then(() => (answered = true));
    // The answer comes from a read, never from a timer: after every pending callback has run
    // (one macrotask turn) it must still be unanswered.
    await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    const reader = s[Symbol.asyncIterator]();
    await reader.next();
    await second;
    expect(answered).toBe(true);
  });

  it('a stop (cancel) ends the reader at once and refuses the sender', async () => {
    const s = new PushSource(PUSH_SOURCE.HIGH_WATER_BYTES * 2);
    await s.push(0, chunk(PUSH_SOURCE.HIGH_WATER_BYTES));
    const waiting = s.push(PUSH_SOURCE.HIGH_WATER_BYTES, chunk(1));
    s.stop(new TransferError('cancelled', 'The upload was cancelled.'));
    await expect(waiting).rejects.toThrow(/cancelled/);
    await expect(s.push(PUSH_SOURCE.HIGH_WATER_BYTES, chunk(1))).rejects.toThrow(/cancelled/);
    expect(await s[Symbol.asyncIterator]().next()).toEqual({ done: true, value: undefined });
  });

  it('a failure rejects a waiting push and the reader', async () => {
    const s = new PushSource(PUSH_SOURCE.HIGH_WATER_BYTES * 2);
    await s.push(0, chunk(PUSH_SOURCE.HIGH_WATER_BYTES));
    const waiting = s.push(PUSH_SOURCE.HIGH_WATER_BYTES, chunk(1));
    s.fail(new TransferError('cancelled', 'The upload was cancelled.'));
    await expect(waiting).rejects.toThrow(/cancelled/);
    const reader = s[Symbol.asyncIterator]();
    await reader.next(); // what was buffered before the failure
    await expect(reader.next()).rejects.toThrow(/cancelled/);
  });
});
