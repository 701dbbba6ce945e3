import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputBatcher, rebatch } from './output-batcher.js';

const limits = { coalesceMs: 5, maxBatchBytes: 8, echoWindowMs: 30, resumeSendMinBytes: 4 };
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

  it('a resume does not send a partial batch on its own: it goes with the next read, at the end of that tick', () => {
    vi.useFakeTimers();
    const { b, sent } = batcher();
    b.push(bytes('ab'));
    vi.advanceTimersByTime(1);
    b.resumed();
    vi.advanceTimersByTime(0);
    expect(sent).toEqual([]);
    b.push(bytes('cd'));
    vi.advanceTimersByTime(0);
    expect(sent).toEqual(['abcd']);
    vi.advanceTimersByTime(10);
    expect(sent).toEqual(['abcd']); // the coalescing timer did not send it again
  });

  it('a partial batch waiting at a resume with no read after it still goes after its coalescing period', () => {
    vi.useFakeTimers();
    const { b, sent } = batcher();
    b.push(bytes('ab'));
    vi.advanceTimersByTime(1);
    b.resumed();
    vi.advanceTimersByTime(3);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['ab']);
  });

  it('a piece put back goes in front of what waits, with the next read after a resume, marked as put back', () => {
    vi.useFakeTimers();
    const sent: [string, number][] = [];
    const b = new OutputBatcher((out, putBack) => sent.push([text(out), putBack]), limits, () => 0);
    b.push(bytes('cd'));
    b.putBack(bytes('ab'));
    b.resumed();
    vi.advanceTimersByTime(0);
    expect(sent).toEqual([]);
    b.push(bytes('ef'));
    vi.advanceTimersByTime(0);
    expect(sent).toEqual([['abcdef', 2]]);
    b.putBack(bytes('1234'));
    vi.advanceTimersByTime(5); // no read came: its coalescing period
    expect(sent).toEqual([['abcdef', 2], ['1234', 4]]);
    b.putBack(bytes('123456'));
    b.push(bytes('7890'));
    expect(sent.slice(2)).toEqual([['12345678', 6]]);
    vi.advanceTimersByTime(5);
    expect(sent.slice(2)).toEqual([['12345678', 6], ['90', 0]]);
  });

  it('after a resume, a lone small read waits for more (up to its coalescing period) instead of going alone', () => {
    vi.useFakeTimers();
    const { b, sent } = batcher();
    b.resumed();
    b.push(bytes('a'));
    vi.advanceTimersByTime(0);
    expect(sent).toEqual([]);
    b.push(bytes('bcd'));
    vi.advanceTimersByTime(0);
    expect(sent).toEqual(['abcd']);
    b.resumed();
    b.push(bytes('x'));
    vi.advanceTimersByTime(4);
    expect(sent).toEqual(['abcd']);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['abcd', 'x']);
  });

  it('after a resume, a full batch still goes at once', () => {
    vi.useFakeTimers();
    const { b, sent } = batcher();
    b.resumed();
    b.push(bytes('123456789'));
    expect(sent).toEqual(['12345678']);
    vi.advanceTimersByTime(5);
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
    b.flush();
    for (const o of out) expect(o.byteLength).toBe(o.buffer.byteLength);
    expect(out.map(text)).toEqual(['2345', '01234567', '89ABCDEF', 'GHIJ']);
  });
});

describe('rebatch', () => {
  it('joins small chunks into messages of at most the limit, in order, never splitting a chunk', () => {
    const out = rebatch([bytes('12345678'), bytes('ab'), bytes('cd'), bytes('efghij'), bytes('k')], 8);
    expect(out.map(text)).toEqual(['12345678', 'abcd', 'efghijk']);
  });

  it('passes a lone full chunk through and gives nothing for nothing', () => {
    const full = bytes('12345678');
    expect(rebatch([full], 8)[0]).toBe(full);
    expect(rebatch([], 8)).toEqual([]);
  });
});
