// Issue 16 §1, where the first paint's time goes: one page load traced by Chromium, split into what
// the page's renderer main thread spent on the CPU (its tasks' thread time) and what it waited for
// (the host's answer, a renderer process, a core on a loaded machine, the compositor presenting the
// frame). The bench's own timed loads are untraced; this one is extra, so tracing costs no figure.
import type { Browser } from 'playwright-core';

/** The categories the split needs: tasks with their thread time, navigation marks, paint timing, module evaluation. */
const TRACE_CATEGORIES = ['devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'navigation', 'toplevel'];

/** The slice of Chromium's trace event format read here. */
export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time of a complete event, when Chromium measured it. */
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
}

export interface PaintSplit {
  /** First contentful paint, ms after navigation start (the page's own figure). */
  readonly paintMs: number;
  /** When the page's HTML had arrived (ms after navigation start), NaN when the trace lacks it. */
  readonly htmlArrivedMs: number;
  /** The renderer main thread's CPU time in its tasks before the paint (a task across it counts in proportion). */
  readonly mainCpuMs: number;
  /** Wall time those same tasks took before the paint: above mainCpuMs, the thread had work but no core. */
  readonly mainBusyMs: number;
  /** The entry script's evaluation (the first module evaluated): CPU and wall, and whether it began before the paint. */
  readonly entryCpuMs: number;
  readonly entryWallMs: number;
  readonly entryBeforePaint: boolean;
}

/** Outermost task events of the main thread: names Chromium gives the scheduler's tasks. */
const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** The split of one traced load; null when the trace has no first contentful paint. */
export function paintSplit(events: readonly TraceEvent[]): PaintSplit | null {
  const paint = events.find((e) => e.name === 'firstContentfulPaint');
  if (paint === undefined) return null;
  const mine = events.filter((e) => e.pid === paint.pid && e.tid === paint.tid);
  const nav = mine.filter((e) => e.name === 'navigationStart' && e.ts <= paint.ts).at(-1);
  if (nav === undefined) return null;
  const ms = (us: number): number => us / 1000;
  const html = mine.find((e) => e.name === 'responseEnd' && e.ts >= nav.ts);
  let cpu = 0;
  let busy = 0;
  let end = -Infinity;
  for (const task of mine.filter((e) => e.ph === 'X' && TASK_NAMES.has(e.name) && e.ts >= nav.ts).sort((a, b) => a.ts - b.ts)) {
    if (task.ts < end) continue; // nested in the task before it
    const dur = task.dur ?? 0;
    end = task.ts + dur;
    if (task.ts >= paint.ts) break;
    const share = dur === 0 ? 1 : Math.min(dur, paint.ts - task.ts) / dur;
    busy += share * dur;
    cpu += share * (task.tdur ?? 0);
  }
  const entry = mine.filter((e) => e.name === 'v8.evaluateModule' && e.ph === 'X' && e.ts >= nav.ts).sort((a, b) => a.ts - b.ts)[0];
  return {
    paintMs: ms(paint.ts - nav.ts),
    htmlArrivedMs: html === undefined ? Number.NaN : ms(html.ts - nav.ts),
    mainCpuMs: ms(cpu),
    mainBusyMs: ms(busy),
    entryCpuMs: ms(entry?.tdur ?? Number.NaN),
    entryWallMs: ms(entry?.dur ?? Number.NaN),
    entryBeforePaint: entry !== undefined && entry.ts < paint.ts,
  };
}

/** One fresh-context load of `url`, traced until its first contentful paint; the split of that paint. */
export async function tracedLoad(browser: Browser, url: string, viewport: { width: number; height: number }, timeoutMs: number): Promise<PaintSplit | null> {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    try {
      await page.goto(url, { waitUntil: 'load' });
      // Typed without the DOM's types (the bench compiles without them), as startup-page.ts does.
      await page.waitForFunction(() => (globalThis as unknown as { performance: { getEntriesByName(n: string): unknown[] } }).performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: timeoutMs });
    } catch (err) {
      await browser.stopTracing();
      throw err;
    }
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    return paintSplit(trace.traceEvents);
  } finally {
    await context.close();
  }
}
