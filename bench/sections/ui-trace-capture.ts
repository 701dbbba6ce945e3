// Takes the Chromium trace ui-main-thread.ts reads, and says what each script position belongs to
// through the renderer build's source maps (and xterm's own map, which the bundle's points into),
// plus the CPU each process involved used meanwhile: the page's renderer, Chromium's other
// processes (browser, GPU, network service) and the whole machine, to say who has the two cores.
import { readdirSync, readFileSync } from 'node:fs';
import { SourceMap, createRequire } from 'node:module';
import { basename, join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { processCpuSeconds } from './process-cpu.js';
import type { BenchRow } from '../report.js';
import { MAIN_THREAD_KINDS, MAIN_THREAD_LABELS, mainThreadShares, type MainThreadShares, type ScriptKind, type TraceEvent } from './ui-main-thread.js';

export const UI_TRACE = {
  /**
   * Chromium's categories for main-thread slices (toplevel: tasks with their thread time;
   * devtools.timeline: function calls with their script position, frames, GC) and V8's own GC
   * slices. Nothing else: the trace of a flooding page grows by ~7 MB a second as it is.
   */
  CATEGORIES: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'disabled-by-default-v8.gc'],
  /** Chunk size when reading the trace stream back over CDP. */
  READ_BYTES: 1 << 20,
} as const;

/** xterm's sources, as its map names them, whose entry points are parsing and drawing. */
const XTERM_PARSE = /common\/(input|parser|InputHandler|CoreTerminal)/;
const XTERM_DRAW = /browser\/(RenderDebouncer|renderer\/|services\/RenderService)/;
/** Porthole's own sources and React's, as the renderer build's maps name them. */
const OURS = /(^|\/)(renderer|shared)\/|node_modules\/(react|react-dom|scheduler)\//;

/** What a script position in the renderer build belongs to; `assetsDir` holds the built bundles and their maps. */
export function scriptKinds(assetsDir: string): (e: TraceEvent) => ScriptKind {
  const maps = new Map<string, SourceMap | null>();
  const load = (path: string): SourceMap | null => {
    if (!maps.has(path)) {
      try {
        maps.set(path, new SourceMap(JSON.parse(readFileSync(path, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]));
      } catch {
        maps.set(path, null);
      }
    }
    return maps.get(path) ?? null;
  };
  const bundles = new Set(readdirSync(assetsDir).filter((f) => f.endsWith('.js')));
  const xtermMap = `${createRequire(import.meta.url).resolve('@xterm/xterm').replace(/\.js$/, '.mjs')}.map`;
  const kinds = new Map<string, ScriptKind>();
  return (e) => {
    const { url, lineNumber, columnNumber } = e.args?.data ?? {};
    // The bench's own probes are injected without a URL; they wrap the bridge's websocket listener, so what they call is ours.
    if (url === undefined || url === '') return 'ours';
    const file = basename(url.split('?')[0] ?? '');
    if (!bundles.has(file) || lineNumber === undefined || columnNumber === undefined) return 'other';
    const key = `${file}:${lineNumber}:${columnNumber}`;
    const known = kinds.get(key);
    if (known !== undefined) return known;
    // Chromium's function-call lines count from 1, columns from 0; SourceMap's both from 0.
    const entry = load(join(assetsDir, `${file}.map`))?.findEntry(lineNumber - 1, columnNumber);
    const source = entry && 'originalSource' in entry ? entry.originalSource : '';
    let kind: ScriptKind = 'other';
    if (source.includes('@xterm/xterm/lib/')) {
      const inner = load(xtermMap)?.findEntry(entry && 'originalLine' in entry ? entry.originalLine : 0, entry && 'originalColumn' in entry ? entry.originalColumn : 0);
      const xtermSource = inner && 'originalSource' in inner ? inner.originalSource : '';
      kind = XTERM_PARSE.test(xtermSource) ? 'parse' : XTERM_DRAW.test(xtermSource) ? 'draw' : 'other';
    } else if (OURS.test(source)) kind = 'ours';
    kinds.set(key, kind);
    return kind;
  };
}

/** Every process descended from `root` (Linux /proc), with its command line. */
function descendants(root: number): { pid: number; cmdline: string }[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: { pid: number; cmdline: string }[] = [];
  const walk = (pid: number): void => {
    for (const [child, ppid] of parent) {
      if (ppid !== pid) continue;
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        // gone meanwhile
      }
      out.push({ pid: child, cmdline });
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** Busy and total jiffies of all cores together (/proc/stat's first line). */
function machineTicks(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

export interface TracedFlood {
  readonly shares: MainThreadShares;
  /** Share of a core over the traced time. */
  readonly rendererCpu: number;
  readonly otherChromiumCpu: number;
  /** All cores together busy, 0–1 of the machine. */
  readonly machineBusy: number;
}

/** Traces the page for `ms` and splits its main thread's time; Chromium is this process's child (playwright launched it). */
export async function traceFlood(page: Page, ms: number, assetsDir: string): Promise<TracedFlood | null> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    const chromium = descendants(process.pid).filter((p) => /chrom/.test(p.cmdline));
    const cpu0 = chromium.map((p) => processCpuSeconds(p.pid));
    const machine0 = machineTicks();
    await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: [...UI_TRACE.CATEGORIES], excludedCategories: ['*'] } });
    const t0 = performance.now();
    await page.waitForTimeout(ms);
    const done = new Promise<{ stream?: string }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    const seconds = (performance.now() - t0) / 1000;
    const machine1 = machineTicks();
    const cpu1 = chromium.map((p) => processCpuSeconds(p.pid));
    const { stream } = await done;
    if (stream === undefined) return null;
    let text = '';
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream, size: UI_TRACE.READ_BYTES });
      text += chunk.base64Encoded === true ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
    const shares = mainThreadShares(Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []), scriptKinds(assetsDir));
    if (shares === null) return null;
    let rendererCpu = 0;
    let otherChromiumCpu = 0;
    chromium.forEach((p, i) => {
      const used = (cpu1[i] ?? 0) - (cpu0[i] ?? 0);
      if (!Number.isFinite(used)) return;
      if (p.cmdline.includes('--type=renderer')) rendererCpu += used / seconds;
      else otherChromiumCpu += used / seconds;
    });
    return { shares, rendererCpu, otherChromiumCpu, machineBusy: (machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total) };
  } finally {
    await cdp.detach();
  }
}

/** Bench rows for a traced flood: the main thread's split, then who used the cores meanwhile. */
export function tracedRows(t: TracedFlood, what: string, cores: number): BenchRow[] {
  return [
    ...MAIN_THREAD_KINDS.map((k): BenchRow => ({ figure: `page main thread, ${what}: ${MAIN_THREAD_LABELS[k]}`, value: t.shares[k] * 100, unit: '% of the time' })),
    { figure: `the page's renderer process meanwhile (all its threads)`, value: t.rendererCpu * 100, unit: '% of a core' },
    { figure: `Chromium's other processes meanwhile (browser, GPU, network service)`, value: t.otherChromiumCpu * 100, unit: '% of a core' },
    { figure: `the machine meanwhile (all ${cores} cores, whatever else runs on it included)`, value: t.machineBusy * 100, unit: '% busy' },
  ];
}
