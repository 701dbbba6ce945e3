import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputBatcher } from './output-batcher.js';

const limits = { coalesceMs: 5, maxBatchBytes: 8, echoWindowMs: 30 };
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function batcher() {
  let clock = 0;
  const sent: string[] = [];
  const b = new OutputBatcher((out) => sent.push(text(out)), limits, () => clock);
  return { b, sent, advance: (ms: number) => (clock += ms) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('OutputBatcher', () => {
  it('coalesces chunks that arrive within the window into one message', () => {
    vi.useFakeTimers();
    const { b, sent } = batcher();
    b.push(bytes('ab'));
    b.push(bytes('cd'));
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(5);
    expect(sent).toEqual(['abcd']);
  });

  it('sends whole batches at once when the size limit is reached; the remainder coalesces with what follows', () => {
    vi.useFakeTimers();
    const { b, sent } = batcher();
    b.push(bytes('1234'));
    b.push(bytes('56789abcdefghij'));
    expect(sent).toEqual(['12345678', '9abcdefg']);
    expect(b.pendingBytes).toBe(3);
    b.push(bytes('kl'));
    vi.advanceTimersByTime(5);
    expect(sent).toEqual(['12345678', '9abcdefg', 'hijkl']);
    expect(b.pendingBytes).toBe(0);
  });

  it('an explicit flush sends everything, the last message partial', () => {
    const { b, sent } = batcher();
    b.push(bytes('12345'));
    b.push(bytes('6789'));
    b.flush();
    expect(sent).toEqual(['12345678', '9']);
  });

  it('flushes on input and sends the echo without waiting, then coalesces again', () => {
    vi.useFakeTimers();
    const { b, sent, advance } = batcher();
    b.push(bytes('prompt$ '));
    b.inputSent();
    expect(sent).toEqual(['prompt$ ']);
    b.push(bytes('l'));
    expect(sent).toEqual(['prompt$ ', 'l']);
    advance(31);
    b.push(bytes('x'));
    b.push(bytes('y'));
    expect(sent).toEqual(['prompt$ ', 'l']);
    vi.advanceTimersByTime(5);
    expect(sent).toEqual(['prompt$ ', 'l', 'xy']);
  });

  it('after the echo, output in the window goes per tick (one socket read, one message); full batches at once', () => {
    vi.useFakeTimers();
    const { b, sent } = batcher();
    b.inputSent();
    b.push(bytes('\r\n')); // the echo of Enter: at once
    expect(sent).toEqual(['\r\n']);
    for (const frame of ['a', 'b', 'c']) b.push(bytes(frame));
    expect(sent).toEqual(['\r\n']);
    vi.advanceTimersByTime(0);
    expect(sent).toEqual(['\r\n', 'abc']);
    // A burst past the batch size: whole batches go now, the rest at the end of the tick, not after coalesceMs.
    b.push(bytes('total 1'));
    b.push(bytes('2\r\ndrwx'));
    expect(sent).toEqual(['\r\n', 'abc', 'total 12']);
    vi.advanceTimersByTime(0);
    expect(sent).toEqual(['\r\n', 'abc', 'total 12', '\r\ndrwx']);
    // The next keystroke's echo goes at once again.
    b.inputSent();
    b.push(bytes('x'));
    expect(sent.at(-1)).toBe('x');
  });

  it('drops what waits on dispose and ignores later output', () => {
    vi.useFakeTimers();
    const { b, sent } = batcher();
    b.push(bytes('late'));
    b.dispose();
    b.push(bytes('later'));
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([]);
  });

  it('hands out exactly-sized buffers, never views into a larger one', () => {
    const out: Uint8Array[] = [];
    const b = new OutputBatcher((x) => out.push(x), limits, () => 0);
    const big = bytes('0123456789ABCDEFGHIJ');
    b.push(big.subarray(2, 6));
    b.flush();
    b.push(big);
    b.flush();
    for (const o of out) expect(o.byteLength).toBe(o.buffer.byteLength);
    expect(out.map(text)).toEqual(['2345', '01234567', '89ABCDEF', 'GHIJ']);
  });
});
