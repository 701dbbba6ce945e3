import { describe, expect, it } from 'vitest';
import { MAIN_THREAD_KINDS, mainThreadShares, pageMainThread, type ScriptKind, type TraceEvent } from './ui-main-thread.js';

const PID = 7;
const TID = 1;
const meta = (pid: number, tid: number, name: string): TraceEvent => ({ name: 'thread_name', ph: 'M', pid, tid, ts: 0, args: { name } });
const slice = (name: string, ts: number, dur: number, tdur: number, url?: string): TraceEvent => ({
  name,
  ph: 'X',
  pid: PID,
  tid: TID,
  ts,
  dur,
  tdur,
  ...(url === undefined ? {} : { args: { data: { url, lineNumber: 1, columnNumber: 0 } } }),
});
/** Scripts named by their URL in these tests. */
const byUrl = (e: TraceEvent): ScriptKind => (e.args?.data?.url ?? 'other') as ScriptKind;

describe('pageMainThread', () => {
  it('picks the renderer main thread with the most events, not the browser’s or a quieter renderer’s', () => {
    const events = [meta(1, 1, 'CrBrowserMain'), meta(7, 1, 'CrRendererMain'), meta(9, 1, 'CrRendererMain')];
    for (let i = 0; i < 5; i++) events.push({ name: 'x', ph: 'X', pid: 1, tid: 1, ts: i, dur: 1 });
    for (let i = 0; i < 3; i++) events.push({ name: 'x', ph: 'X', pid: 7, tid: 1, ts: i, dur: 1 });
    events.push({ name: 'x', ph: 'X', pid: 9, tid: 1, ts: 0, dur: 1 });
    expect(pageMainThread(events)).toEqual({ pid: 7, tid: 1 });
    expect(pageMainThread([meta(1, 1, 'CrBrowserMain')])).toBeNull();
  });
});

describe('mainThreadShares', () => {
  it('splits the traced time into CPU per kind of work, time waiting for a core, and idle, summing to 1', () => {
    const events: TraceEvent[] = [
      meta(PID, TID, 'CrRendererMain'),
      // 0–40: a parse task, 30 of its 40 µs on a CPU; a GC inside it counts as GC.
      slice('RunTask', 0, 40, 30),
      slice('FunctionCall', 2, 36, 28, 'parse'),
      slice('V8.GC_SCAVENGER', 10, 8, 8),
      // 40–60 idle. 60–100: a frame: xterm's animation-frame script, then style and paint.
      slice('ProxyMain::BeginMainFrame', 60, 40, 40),
      slice('FunctionCall', 60, 10, 10, 'draw'),
      slice('Document::recalcStyle', 70, 10, 10),
      slice('Paint', 80, 20, 20),
      // 100–110: a websocket message (ours), and a layout it forced counts as ours too.
      slice('RunTask', 100, 10, 10),
      slice('FunctionCall', 100, 10, 10, 'ours'),
      slice('Layout', 104, 4, 4),
      // 110–120 idle; 120–200 a task with no function call: scheduling, IPC.
      slice('RunTask', 120, 80, 20),
    ];
    const shares = mainThreadShares(events, byUrl);
    expect(shares).not.toBeNull();
    if (shares === null) return;
    const of = (us: number): number => us / 200;
    expect(shares.parse).toBeCloseTo(of(20)); // 28 less the GC's 8
    expect(shares.gc).toBeCloseTo(of(8));
    expect(shares.draw).toBeCloseTo(of(10));
    expect(shares.frame).toBeCloseTo(of(30));
    expect(shares.ours).toBeCloseTo(of(10));
    expect(shares.other).toBeCloseTo(of(2 + 20)); // the parse task's own 2 µs, and the plain task
    expect(shares.waiting).toBeCloseTo(of(10 + 60));
    expect(shares.idle).toBeCloseTo(of(20 + 10));
    expect(MAIN_THREAD_KINDS.reduce((sum, k) => sum + shares[k], 0)).toBeCloseTo(1);
  });

  it('counts a task Chromium gave no thread time as busy but not on a CPU, never as CPU of some kind', () => {
    const events: TraceEvent[] = [meta(PID, TID, 'CrRendererMain'), slice('RunTask', 0, 10, 10), { name: 'Receive mojo message', ph: 'X', pid: PID, tid: TID, ts: 10, dur: 10 }, slice('RunTask', 20, 0, 0)];
    const shares = mainThreadShares(events, byUrl);
    expect(shares?.other).toBeCloseTo(0.5); // the first task's 10 µs on a CPU
    expect(shares?.waiting).toBeCloseTo(0.5); // the untimed 10 µs: Chromium did not say it ran
    expect(shares?.idle).toBeCloseTo(0);
  });

  it('has nothing to say without the page’s main thread or any slice on it', () => {
    expect(mainThreadShares([], byUrl)).toBeNull();
    expect(mainThreadShares([meta(PID, TID, 'CrRendererMain')], byUrl)).toBeNull();
  });
});
