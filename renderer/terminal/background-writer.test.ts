import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackgroundWriter, type Drainable } from './background-writer.js';

class Fake implements Drainable {
  written = 0;
  constructor(public left: number) {}
  get hasPending(): boolean {
    return this.left > 0;
  }
  drain(budget: number): number {
    const n = Math.min(budget, this.left);
    this.left -= n;
    this.written += n;
    return n;
  }
}

const LIMITS = { tickMs: 10, bytesPerTick: 100, foregroundFloodBytes: 500, bytesPerTickBehindFlood: 25, inputQuietMs: 30 };

/** A writer with two hidden terminals woken, `a` then `b`, each with 1000 bytes waiting. */
function twoWoken(): { w: BackgroundWriter; a: Fake; b: Fake } {
  const w = new BackgroundWriter(LIMITS);
  const a = new Fake(1000);
  const b = new Fake(1000);
  w.wake(a);
  w.wake(b);
  return { w, a, b };
}

describe('BackgroundWriter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gives the whole budget of a tick to one hidden terminal, in turn', () => {
    const { a, b } = twoWoken();
    vi.advanceTimersByTime(10);
    expect([a.written, b.written]).toEqual([100, 0]);
    vi.advanceTimersByTime(10);
    expect([a.written, b.written]).toEqual([100, 100]);
    vi.advanceTimersByTime(20);
    expect([a.written, b.written]).toEqual([200, 200]);
  });

  it('a terminal woken again while waiting keeps its place in the line', () => {
    const { w, a, b } = twoWoken();
    vi.advanceTimersByTime(10);
    w.wake(b);
    w.wake(a);
    vi.advanceTimersByTime(10);
    expect([a.written, b.written]).toEqual([100, 100]);
  });

  it('forgets a terminal that is shown: it gets nothing more', () => {
    const { w, a, b } = twoWoken();
    w.forget(a);
    vi.advanceTimersByTime(30);
    expect([a.written, b.written]).toEqual([0, 300]);
  });

  it('gives what a small queue leaves to the others, and stops when all are drained', () => {
    const w = new BackgroundWriter(LIMITS);
    const small = new Fake(10);
    const big = new Fake(150);
    w.wake(small);
    w.wake(big);
    vi.advanceTimersByTime(10);
    expect(small.written).toBe(10);
    expect(big.written).toBe(90);
    vi.advanceTimersByTime(10);
    expect(big.written).toBe(150);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives hidden terminals the smaller share in a tick after the visible terminal was given a flood', () => {
    const w = new BackgroundWriter(LIMITS);
    const a = new Fake(1000);
    w.wake(a);
    w.foreground(300);
    w.foreground(200); // 500 within the tick: flooding
    vi.advanceTimersByTime(10);
    expect(a.written).toBe(25);
    w.foreground(499); // below the mark: the full share again
    vi.advanceTimersByTime(10);
    expect(a.written).toBe(125);
    vi.advanceTimersByTime(10); // nothing shown since: full share
    expect(a.written).toBe(225);
  });

  it('counts only what the visible terminal got while hidden output waited, not before', () => {
    const w = new BackgroundWriter(LIMITS);
    w.foreground(10_000); // a flood long over, with nothing hidden waiting
    const a = new Fake(1000);
    w.wake(a);
    vi.advanceTimersByTime(10);
    expect(a.written).toBe(100);
  });

  it('keeps slowed hidden terminals going, one per tick in turn, for as long as the flood lasts', () => {
    const { w, a, b } = twoWoken();
    for (let i = 0; i < 8; i++) {
      w.foreground(1000);
      vi.advanceTimersByTime(10);
    }
    expect([a.written, b.written]).toEqual([100, 100]);
  });

  it('holds hidden parsing after input until the quiet window has passed', () => {
    const { w, a, b } = twoWoken();
    vi.advanceTimersByTime(5);
    w.input(); // the tick due at 10 waits until 35
    vi.advanceTimersByTime(29);
    expect([a.written, b.written]).toEqual([0, 0]);
    vi.advanceTimersByTime(1);
    expect([a.written, b.written]).toEqual([100, 0]);
    vi.advanceTimersByTime(10); // ticks every tickMs again
    expect([a.written, b.written]).toEqual([100, 100]);
  });

  it('does not hold a tick when the input was longer ago than the quiet window', () => {
    const w = new BackgroundWriter(LIMITS);
    w.input();
    vi.advanceTimersByTime(25);
    const a = new Fake(1000);
    w.wake(a); // due at 35, the window closed at 30
    vi.advanceTimersByTime(10);
    expect(a.written).toBe(100);
  });

  it('holds each tick at most once: typing without pause slows hidden terminals, never stops them', () => {
    const { w, a, b } = twoWoken();
    // A key every 5 ms for 400 ms. The tick due at 10 waits for the window of the key at 5 (until
    // 35), then runs although keys came meanwhile; the next is due at 45, waits until 70, and so on.
    for (let t = 0; t < 400; t += 5) {
      w.input();
      vi.advanceTimersByTime(5);
    }
    // Ticks ran at 35, 70, …, 385: 11 of them, in turn (40 would have run without input).
    expect([a.written, b.written]).toEqual([600, 500]);
  });
});
