import { describe, expect, it, vi } from 'vitest';
import { chunk, gatedPages, Limiter, mapBounded, type PriorityTicket } from './bounded.js';

describe('chunk', () => {
  it('splits into batches no larger than the limit, preserving order', () => {
    const ids = Array.from({ length: 250 }, (_, i) => i);
    const batches = chunk(ids, 100);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batches.flat()).toEqual(ids);
    expect(chunk([], 10)).toEqual([]);
  });
  it('rejects a non-positive size', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe('mapBounded', () => {
  it('never runs more than the limit at once and keeps result order', async () => {
    const gate = new Limiter(3);
    let running = 0;
    let maxRunning = 0;
    const out = await mapBounded(Array.from({ length: 20 }, (_, i) => i), gate, async (n) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, (n % 4) * 3));
      running--;
      return n * 2;
    });
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(maxRunning).toBe(3);
    expect(gate.peak).toBe(3);
  });
  it('rejects with the first failure and still releases the gate', async () => {
    const gate = new Limiter(2);
    await expect(mapBounded([1, 2, 3], gate, async (n) => { if (n === 2) throw new Error('boom'); return n; })).rejects.toThrow('boom');
    await expect(gate.run(async () => 'free')).resolves.toBe('free');
  });
});

describe('Limiter priorities (prefetch behind the user)', () => {
  /** A call that runs until released, recording its start. */
  function held(log: string[], name: string) {
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    return { release, task: async () => { log.push(name); await done; return name; } };
  }
  const settle = () => new Promise<void>((r) => setImmediate(r));

  it('admits a queued interactive call before background calls queued earlier', async () => {
    const gate = new Limiter(1);
    const log: string[] = [];
    const first = held(log, 'first');
    const running = gate.run(first.task);
    const bg = [1, 2].map((n) => gate.run(async () => { log.push(`bg${n}`); return n; }, { priority: 'background' }));
    const user = gate.run(async () => { log.push('user'); return 0; });
    await settle();
    expect(log).toEqual(['first']);
    first.release();
    await Promise.all([running, user, ...bg]);
    expect(log).toEqual(['first', 'user', 'bg1', 'bg2']);
  });

  it('keeps background calls within their slots, leaving the rest free for interactive calls', async () => {
    const gate = new Limiter(4, { slots: 1, minIntervalMs: 0 });
    const log: string[] = [];
    const bg = [held(log, 'bg1'), held(log, 'bg2')];
    const bgRuns = bg.map((h) => gate.run(h.task, { priority: 'background' }));
    await settle();
    expect(log).toEqual(['bg1']); // the second background call waits although 3 slots are free
    const user = [held(log, 'u1'), held(log, 'u2'), held(log, 'u3')];
    const userRuns = user.map((h) => gate.run(h.task));
    await settle();
    expect(log).toEqual(['bg1', 'u1', 'u2', 'u3']);
    expect(gate.peak).toBe(4);
    for (const h of [...bg, ...user]) h.release();
    bg[1]!.release();
    await Promise.all([...bgRuns, ...userRuns]);
    expect(log).toContain('bg2');
  });

  it('paces background calls at minIntervalMs (fake clock) and never paces interactive ones', async () => {
    vi.useFakeTimers();
    try {
      const gate = new Limiter(4, { slots: 4, minIntervalMs: 250 }, () => Date.now());
      const started: Array<[string, number]> = [];
      const t0 = Date.now();
      const bg = [1, 2, 3].map((n) => gate.run(async () => void started.push([`bg${n}`, Date.now() - t0]), { priority: 'background' }));
      const user = [1, 2].map((n) => gate.run(async () => void started.push([`u${n}`, Date.now() - t0])));
      await vi.advanceTimersByTimeAsync(1000);
      await Promise.all([...bg, ...user]);
      expect(started).toEqual([['bg1', 0], ['u1', 0], ['u2', 0], ['bg2', 250], ['bg3', 500]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a raised ticket moves its queued calls ahead of the pace at once', async () => {
    vi.useFakeTimers();
    try {
      const gate = new Limiter(4, { slots: 1, minIntervalMs: 10_000 }, () => Date.now());
      const ticket: PriorityTicket = { priority: 'background' };
      const order: string[] = [];
      const a = gate.view(ticket).run(async () => void order.push('a'));
      const b = gate.view(ticket).run(async () => void order.push('b'));
      await vi.advanceTimersByTimeAsync(10);
      expect(order).toEqual(['a']); // b is held by the 10 s pace
      ticket.priority = 'interactive';
      gate.reschedule();
      await vi.advanceTimersByTimeAsync(1);
      expect(order).toEqual(['a', 'b']);
      await Promise.all([a, b]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('gatedPages', () => {
  it('fetches each page under the gate: another call waits while a page is on its way', async () => {
    const gate = new Limiter(1);
    let releasePage!: () => void;
    const pageHeld = new Promise<void>((r) => (releasePage = r));
    async function* pages() {
      await pageHeld; // the page's request is in flight
      yield 1;
      yield 2;
    }
    const seen: number[] = [];
    const walk = (async () => { for await (const p of gatedPages(gate, pages())) seen.push(p); })();
    let other = false;
    const competing = gate.run(async () => void (other = true));
    await new Promise<void>((r) => setImmediate(r));
    expect(other).toBe(false);
    releasePage();
    await Promise.all([walk, competing]);
    expect(other).toBe(true);
    expect(seen).toEqual([1, 2]);
  });
});
