import { describe, expect, it } from 'vitest';
import { FIRST_FRAME, startAfterFirstFrame, type FrameClock } from './start-after-first-frame.js';

/** A page clock run by hand: frames and timers fire only when the test says so. */
class HandClock implements FrameClock {
  readonly frames: Array<() => void> = [];
  readonly timers: Array<{ readonly callback: () => void; readonly ms: number }> = [];
  requestAnimationFrame(callback: () => void): void {
    this.frames.push(callback);
  }
  setTimeout(callback: () => void, ms: number): void {
    this.timers.push({ callback, ms });
  }
  drawFrame(): void {
    for (const f of this.frames.splice(0)) f();
  }
  /** Fires the timers due within ms, in order, as a browser would. */
  runTimersUpTo(ms: number): void {
    const due = this.timers.filter((t) => t.ms <= ms).sort((a, b) => a.ms - b.ms);
    for (const t of due) this.timers.splice(this.timers.indexOf(t), 1);
    for (const t of due) t.callback();
  }
}

describe('startAfterFirstFrame', () => {
  it('starts only in the task after the first frame, and once', () => {
    const clock = new HandClock();
    let starts = 0;
    startAfterFirstFrame(() => starts++, clock);
    clock.runTimersUpTo(0);
    expect(starts).toBe(0);
    clock.drawFrame();
    expect(starts).toBe(0);
    clock.runTimersUpTo(0);
    expect(starts).toBe(1);
    clock.runTimersUpTo(FIRST_FRAME.NO_FRAME_FALLBACK_MS);
    expect(starts).toBe(1);
  });

  it('starts after the fallback when no frame comes (a page not shown), and not again on a later frame', () => {
    const clock = new HandClock();
    let starts = 0;
    startAfterFirstFrame(() => starts++, clock);
    clock.runTimersUpTo(FIRST_FRAME.NO_FRAME_FALLBACK_MS - 1);
    expect(starts).toBe(0);
    clock.runTimersUpTo(FIRST_FRAME.NO_FRAME_FALLBACK_MS);
    expect(starts).toBe(1);
    clock.drawFrame();
    clock.runTimersUpTo(0);
    expect(starts).toBe(1);
  });
});
