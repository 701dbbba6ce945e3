import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AckCounter } from './ack-counter.js';

describe('AckCounter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends every whole unit in one ack and the remainder after the idle time', () => {
    const sent: number[] = [];
    const ack = new AckCounter({ send: (n) => sent.push(n), unitBytes: 100, idleMs: 10 });
    ack.parsed(250);
    expect(sent).toEqual([200]);
    vi.advanceTimersByTime(9);
    expect(sent).toEqual([200]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([200, 50]);
  });

  it('acks a remainder as soon as parsing completes a unit with it, before the idle time', () => {
    const sent: number[] = [];
    const ack = new AckCounter({ send: (n) => sent.push(n), unitBytes: 100, idleMs: 10 });
    ack.parsed(60);
    expect(sent).toEqual([]);
    ack.parsed(60);
    expect(sent).toEqual([100]);
    vi.advanceTimersByTime(10);
    expect(sent).toEqual([100, 20]);
  });

  it('never sends more than was parsed, and nothing after dispose', () => {
    const sent: number[] = [];
    const ack = new AckCounter({ send: (n) => sent.push(n), unitBytes: 64, idleMs: 5 });
    for (let i = 0; i < 10; i++) ack.parsed(7);
    ack.flush();
    expect(sent.reduce((a, b) => a + b, 0)).toBe(70);
    ack.parsed(30);
    ack.dispose();
    vi.advanceTimersByTime(100);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(70);
  });

  it('reset drops the pending count', () => {
    const sent: number[] = [];
    const ack = new AckCounter({ send: (n) => sent.push(n), unitBytes: 64, idleMs: 5 });
    ack.parsed(10);
    ack.reset();
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([]);
  });
});
