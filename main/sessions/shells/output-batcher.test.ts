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

  it('sends at once when a batch reaches the size limit, split into messages no larger than it', () => {
    vi.useFakeTimers();
    const { b, sent } = batcher();
    b.push(bytes('1234'));
    b.push(bytes('56789abcdefghij'));
    expect(sent).toEqual(['12345678', '9abcdefg', 'hij']);
    expect(b.pendingBytes).toBe(0);
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

  it('after reading resumes, sends what the next read brings at the end of its tick, then coalesces again', () => {
    vi.useFakeTimers();
    const { b, sent } = batcher();
    b.resumed();
    b.push(bytes('ab'));
    b.push(bytes('cd'));
    expect(sent).toEqual([]); // the rest of this read may still come in the same tick
    vi.advanceTimersByTime(0);
    expect(sent).toEqual(['abcd']);
    b.push(bytes('ef'));
    vi.advanceTimersByTime(0);
    expect(sent).toEqual(['abcd']);
    vi.advanceTimersByTime(5);
    expect(sent).toEqual(['abcd', 'ef']);
  });

  it('a resume sends a partial batch that was waiting for its coalescing period at the end of the tick', () => {
    vi.useFakeTimers();
    const { b, sent } = batcher();
    b.push(bytes('ab'));
    vi.advanceTimersByTime(1);
    b.resumed();
    vi.advanceTimersByTime(0);
    expect(sent).toEqual(['ab']);
    vi.advanceTimersByTime(10);
    expect(sent).toEqual(['ab']); // the coalescing timer did not send it again
  });

  it('after a resume, a full batch still goes at once', () => {
    vi.useFakeTimers();
    const { b, sent } = batcher();
    b.resumed();
    b.push(bytes('123456789'));
    expect(sent).toEqual(['12345678', '9']);
  });

  it('drops what waits on dispose and ignores later output', () => {
    vi.useFakeTimers();
    const { b, sent } = batcher();
    b.push(bytes('late'));
    b.resumed();
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
    for (const o of out) expect(o.byteLength).toBe(o.buffer.byteLength);
    expect(out.map(text)).toEqual(['2345', '01234567', '89ABCDEF', 'GHIJ']);
  });
});
