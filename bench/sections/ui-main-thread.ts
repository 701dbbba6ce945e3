// Where the page's main thread spends a flood (issue 16 §4's showing tab), from a Chromium trace:
// each slice of the main thread's time goes to one kind of work, by the slice's own name or by
// the script a function call entered (xterm's parser, xterm's renderer, Porthole's code). Every
// share is of the traced wall time, and they add up to 100 %: CPU time per kind of work, the time
// tasks were running but not on a CPU (waiting for one of the machine's cores), and idle time.
// Pure: the trace capture and the script lookup are in ui-trace-capture.ts.

/** One trace event as Chromium writes it (only the fields used here). */
export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  /** µs */
  readonly ts: number;
  /** Wall duration, µs (complete events). */
  readonly dur?: number;
  /** Thread (CPU) duration, µs (complete events, where Chromium measured it). */
  readonly tdur?: number;
  readonly args?: { readonly name?: string; readonly data?: { readonly url?: string; readonly lineNumber?: number; readonly columnNumber?: number } };
}

/** What a JavaScript entry point belongs to, by the source its position maps to. */
export type ScriptKind = 'parse' | 'draw' | 'ours' | 'other';

/** The kinds of main-thread time reported, in the order the bench prints them. */
export const MAIN_THREAD_KINDS = ['parse', 'draw', 'frame', 'ours', 'gc', 'other', 'waiting', 'idle'] as const;
export type MainThreadKind = (typeof MAIN_THREAD_KINDS)[number];

export const MAIN_THREAD_LABELS: Record<MainThreadKind, string> = {
  parse: "xterm parsing (its write buffer's tasks, our write callbacks and acks inside them)",
  draw: "xterm drawing its rows (the DOM renderer's animation-frame script)",
  frame: "Chromium's frame work (style, layout, paint, commit: nearly all of it the terminal's rows)",
  ours: 'our data path and other app script (websocket messages: decode, routing; ack timers, background writer, React)',
  gc: 'garbage collection',
  other: 'other browser work (task scheduling, IPC, input, other script)',
  waiting: 'busy but not on a CPU (its tasks waited for a core)',
  idle: 'idle (nothing to run)',
};

export type MainThreadShares = Record<MainThreadKind, number>;

/** Slices with these names are V8's garbage collector, wherever they run. */
const GC_NAME = /GC|Scaveng|MarkCompact|Sweep|MinorGC|MajorGC/;
/** Slices with these names (or under one) are Chromium producing a frame. */
const FRAME_NAME = /BeginMainFrame|Paint|Layout|Style|Commit|Compositing|Layer|Shape|Lifecycle|Animation|HitTest/;

/** The renderer main thread with the most events: the page's (a trace holds every process's threads). */
export function pageMainThread(events: readonly TraceEvent[]): { pid: number; tid: number } | null {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name !== undefined) names.set(`${e.pid}:${e.tid}`, e.args.name);
  const counts = new Map<string, { pid: number; tid: number; n: number }>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (names.get(key) !== 'CrRendererMain') continue;
    const c = counts.get(key) ?? { pid: e.pid, tid: e.tid, n: 0 };
    c.n++;
    counts.set(key, c);
  }
  let best: { pid: number; tid: number; n: number } | null = null;
  for (const c of counts.values()) if (best === null || c.n > best.n) best = c;
  return best === null ? null : { pid: best.pid, tid: best.tid };
}

function kindOf(e: TraceEvent, ancestors: readonly TraceEvent[], script: (e: TraceEvent) => ScriptKind): Exclude<MainThreadKind, 'waiting' | 'idle'> {
  // The innermost function call decides for everything under it (native work a script forced counts as that script's).
  const chain = [...ancestors, e];
  for (let i = chain.length - 1; i >= 0; i--) {
    const a = chain[i];
    if (a === undefined) continue;
    if (GC_NAME.test(a.name)) return 'gc';
    if (a.name === 'FunctionCall') return script(a);
  }
  return chain.some((a) => FRAME_NAME.test(a.name)) ? 'frame' : 'other';
}

/**
 * Shares of the main thread's wall time between its first and last slice (each 0–1, summing to 1).
 * `script` says what a FunctionCall slice entered. Slices on one thread nest (a child lies within
 * its parent); each slice's own time is its duration less its children's.
 */
export function mainThreadShares(events: readonly TraceEvent[], script: (e: TraceEvent) => ScriptKind): MainThreadShares | null {
  const thread = pageMainThread(events);
  if (thread === null) return null;
  const slices = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const first = slices[0];
  if (first === undefined) return null;
  const start = first.ts;
  const end = Math.max(...slices.map((e) => e.ts + (e.dur ?? 0)));
  const span = end - start;
  if (!(span > 0)) return null;
  const cpu: Record<MainThreadKind, number> = { parse: 0, draw: 0, frame: 0, ours: 0, gc: 0, other: 0, waiting: 0, idle: 0 };
  let busyWall = 0;
  let busyCpu = 0;
  const stack: { e: TraceEvent; childCpu: number }[] = [];
  const close = (): void => {
    const top = stack.pop();
    if (top === undefined) return;
    const own = Math.max(0, (top.e.tdur ?? 0) - top.childCpu);
    cpu[kindOf(top.e, stack.map((s) => s.e), script)] += own;
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.childCpu += top.e.tdur ?? 0;
  };
  for (const e of slices) {
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top === undefined || top.e.ts + (top.e.dur ?? 0) > e.ts) break;
      close();
    }
    if (stack.length === 0) {
      busyWall += e.dur ?? 0;
      busyCpu += e.tdur ?? 0;
    }
    stack.push({ e, childCpu: 0 });
  }
  while (stack.length > 0) close();
  // Slices Chromium gave no thread time count as other work, so the CPU shares add up to the busy CPU time.
  const counted = cpu.parse + cpu.draw + cpu.frame + cpu.ours + cpu.gc + cpu.other;
  cpu.other += Math.max(0, busyCpu - counted);
  cpu.waiting = Math.max(0, busyWall - Math.max(busyCpu, counted));
  cpu.idle = Math.max(0, span - busyWall);
  const shares = { ...cpu };
  for (const k of MAIN_THREAD_KINDS) shares[k] = cpu[k] / span;
  return shares;
}
