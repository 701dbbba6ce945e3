// A sandbox's pending StopTask steps end with it: cleared, none of them runs later.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TaskStopTimers } from './task-stop-timers.js';

describe('TaskStopTimers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs a step when due and forgets it', () => {
    const timers = new TaskStopTimers();
    const ran: string[] = [];
    timers.after(1000, () => ran.push('down'));
    expect(timers.pending).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(ran).toEqual(['down']);
    expect(timers.pending).toBe(0);
  });

  it('cleared (the sandbox closing), leaves no step to run', () => {
    const timers = new TaskStopTimers();
    const ran: string[] = [];
    timers.after(1000, () => ran.push('a'));
    timers.after(5000, () => ran.push('b'));
    timers.clear();
    expect(timers.pending).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(ran).toEqual([]);
  });
});
