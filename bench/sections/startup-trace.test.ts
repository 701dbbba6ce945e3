// The first paint's split from a trace: the page's own thread only, outermost tasks only, a task
// across the paint counted in proportion, and the entry script's evaluation found.
import { describe, expect, it } from 'vitest';
import { paintSplit, type TraceEvent } from './startup-trace.js';

const MAIN = { pid: 7, tid: 1 };
const OTHER = { pid: 7, tid: 2 };
const at = (ms: number): number => 1_000_000 + ms * 1000;
const task = (startMs: number, durMs: number, cpuMs: number, where = MAIN): TraceEvent => ({ name: 'RunTask', ph: 'X', ts: at(startMs), dur: durMs * 1000, tdur: cpuMs * 1000, ...where });

describe('paintSplit', () => {
  it('splits the time before the first paint into the main thread’s CPU, its busy wall time and the rest', () => {
    const events: TraceEvent[] = [
      { name: 'navigationStart', ph: 'R', ts: at(0), ...MAIN },
      { name: 'responseEnd', ph: 'R', ts: at(40), ...MAIN },
      task(50, 20, 10),
      // Nested in the task above: not counted again.
      { name: 'ThreadControllerImpl::RunTask', ph: 'X', ts: at(51), dur: 18_000, tdur: 9_000, ...MAIN },
      // Another thread's task: not the page's main thread.
      task(60, 100, 100, OTHER),
      // Across the paint at 200: half of it before.
      task(180, 40, 30),
      { name: 'v8.evaluateModule', ph: 'X', ts: at(181), dur: 38_000, tdur: 29_000, ...MAIN },
      { name: 'firstContentfulPaint', ph: 'R', ts: at(200), ...MAIN },
      task(300, 10, 10),
    ];
    expect(paintSplit(events)).toEqual({
      paintMs: 200,
      htmlArrivedMs: 40,
      mainCpuMs: 10 + 15,
      mainBusyMs: 20 + 20,
      entryCpuMs: 29,
      entryWallMs: 38,
      entryBeforePaint: true,
    });
  });

  it('says when the script ran after the paint, and gives nothing for a trace without a paint', () => {
    const events: TraceEvent[] = [
      { name: 'navigationStart', ph: 'R', ts: at(0), ...MAIN },
      task(10, 5, 5),
      { name: 'firstContentfulPaint', ph: 'R', ts: at(100), ...MAIN },
      task(120, 50, 40),
      { name: 'v8.evaluateModule', ph: 'X', ts: at(121), dur: 48_000, tdur: 39_000, ...MAIN },
    ];
    expect(paintSplit(events)).toMatchObject({ paintMs: 100, mainCpuMs: 5, entryCpuMs: 39, entryBeforePaint: false });
    expect(Number.isNaN(paintSplit(events)?.htmlArrivedMs)).toBe(true);
    expect(paintSplit(events.filter((e) => e.name !== 'firstContentfulPaint'))).toBeNull();
  });
});
