// Issue 16 §1, first page in Chromium: the app shell's first paint and the tree with the first
// profile's clusters (sandbox), from navigation start by the page's own clock, and the bytes the
// first screen loaded. Against the product web host (dist/app/web/main.js, dist/renderer) and, as
// the baseline, a one-line page from a bare Node HTTP server in the same run.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { RENDERER_SECURITY_HEADERS } from '../../app/host/csp.js';
import type { BenchRow } from '../report.js';
import { REPO_ROOT } from './startup-process.js';
import { tracedLoad, type PaintSplit } from './startup-trace.js';
import { UI_BENCH } from './ui.js';
import { median } from './stats.js';

export const PAGE_BENCH = {
  /** Page loads per figure (median). */
  LOADS: 5,
  /** Issue 16 §1 targets. */
  SHELL_PAINT_TARGET_MS: 300,
  FIRST_TREE_TARGET_MS: 1_000,
  /** Far above a slow load; a tree that never shows fails the section instead of hanging it. */
  TREE_TIMEOUT_MS: 60_000,
  /**
   * Extra loads, traced (startup-trace.ts), that split the first paint into the renderer main
   * thread's CPU and its waiting: a few, as each traced load is slower than the untraced ones.
   */
  TRACED_LOADS: 3,
} as const;

/** What the page-side functions use, typed here (no DOM lib in the bench). */
interface PageGlobals {
  readonly document: { querySelector(selector: string): unknown };
  readonly performance: {
    now(): number;
    getEntriesByName(name: string): ReadonlyArray<{ readonly startTime: number }>;
    getEntriesByType(type: string): ReadonlyArray<{ readonly name: string; readonly decodedBodySize: number }>;
  };
}

interface Load {
  readonly fcpMs: number;
  readonly treeMs: number;
  /** When React had replaced index.html's static shell with the app (its controls work from then). */
  readonly appMs: number;
  /** What the page had fetched when the tree showed: [name, bytes as delivered (decoded)]. */
  readonly files: ReadonlyArray<readonly [string, number]>;
}

async function measureLoad(page: Page, url: string, withTree: boolean): Promise<Load> {
  await page.goto(url, { waitUntil: 'load' });
  // Functions run in the page (the CSP forbids evaluating strings); typed through PageGlobals, as the bench compiles without the DOM's types.
  // Each wait polls every frame and returns the page's clock when its element first exists; both run at once, so neither delays the other.
  const appears = async (selector: string): Promise<number> =>
    (await page.waitForFunction(
      (sel) => {
        const g = globalThis as unknown as PageGlobals;
        return g.document.querySelector(sel) !== null ? g.performance.now() : 0;
      },
      selector,
      { polling: 'raf', timeout: PAGE_BENCH.TREE_TIMEOUT_MS },
    )).jsonValue();
  const [appMs, treeMs] = withTree ? await Promise.all([appears('[data-testid="app"]'), appears('.tree-row[data-node-kind="cluster"]')]) : [0, 0];
  const fcpMs = await (
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0, undefined, { timeout: PAGE_BENCH.TREE_TIMEOUT_MS })
  ).jsonValue();
  const files = await page.evaluate(() => {
    const p = (globalThis as unknown as PageGlobals).performance;
    return [...p.getEntriesByType('navigation'), ...p.getEntriesByType('resource')].map((e): [string, number] => [new URL(e.name).pathname, e.decodedBodySize]);
  });
  return { fcpMs, treeMs, appMs, files };
}

/** The renderer's whole page, JS and CSS on disk (no source maps): what one chunk used to load at once. */
async function rendererBytes(): Promise<number> {
  const dist = join(REPO_ROOT, 'dist', 'renderer');
  const dir = join(dist, 'assets');
  // index.html counts: the entry's stylesheet is inlined into it (inlineEntryCss in renderer/vite.config.mts).
  let total = (await stat(join(dist, 'index.html'))).size;
  for (const f of await readdir(dir)) if (/\.(js|css)$/.test(f)) total += (await stat(join(dir, f))).size;
  return total;
}

async function startHost(env: NodeJS.ProcessEnv): Promise<{ url: string; ready: Promise<void>; stop: () => void }> {
  const child = spawn(process.execPath, ['dist/app/web/main.js'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let readyNow: () => void = () => undefined;
  const ready = new Promise<void>((r) => (readyNow = r));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (c: Buffer): void => {
      out += c.toString();
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
      if (/^porthole: services ready\.$/m.test(out)) readyNow();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the web host exited (${code}) before its URL:\n${out}`)));
  });
  return {
    url,
    ready,
    stop: () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

function describeSplit(t: PaintSplit): string {
  const entry = Number.isNaN(t.entryCpuMs) ? 'no script' : `script evaluated ${t.entryCpuMs.toFixed(0)} ms CPU in ${t.entryWallMs.toFixed(0)} ms, ${t.entryBeforePaint ? 'begun before' : 'after'} the paint`;
  return `paint ${t.paintMs.toFixed(0)} ms, HTML in at ${t.htmlArrivedMs.toFixed(0)} ms, main thread ${t.mainCpuMs.toFixed(0)} ms CPU in ${t.mainBusyMs.toFixed(0)} ms of tasks before it, ${entry}`;
}

/** The second baseline's path on the bare server: the same line, sent with the headers both hosts send with the renderer. */
const WITH_HEADERS_PATH = '/with-renderer-headers';

export async function benchFirstPage(env: NodeJS.ProcessEnv): Promise<{ rows: BenchRow[]; detail: string }> {
  const bare = createServer((req, res) => {
    // Cross-Origin-Opener-Policy: same-origin among them makes Chromium put the page in a new browsing context group, so in a renderer process of its own
    // instead of the one the tab already has: a cost of the header, which the product pays on every first load and the plain line does not.
    res.writeHead(200, { ...(req.url === WITH_HEADERS_PATH ? RENDERER_SECURITY_HEADERS : {}), 'content-type': 'text/html' });
    res.end('<!doctype html><title>baseline</title><p>Porthole</p>');
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const browser: Browser = await chromium.launch({ executablePath: UI_BENCH.CHROMIUM, args: [...UI_BENCH.CHROMIUM_ARGS], headless: true });
  let host: Awaited<ReturnType<typeof startHost>> | null = null;
  try {
    const fresh = async (url: string, withTree: boolean): Promise<Load> => {
      // A new context each time: nothing cached, like a first visit.
      const context = await browser.newContext({ viewport: UI_BENCH.VIEWPORT });
      try {
        return await measureLoad(await context.newPage(), url, withTree);
      } finally {
        await context.close();
      }
    };
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    const bareLoads: number[] = [];
    const headerLoads: number[] = [];
    // Alternating, so both see the same load.
    for (let i = 0; i < PAGE_BENCH.LOADS; i++) {
      bareLoads.push((await fresh(bareUrl, false)).fcpMs);
      headerLoads.push((await fresh(`${bareUrl.replace(/\/$/, '')}${WITH_HEADERS_PATH}`, false)).fcpMs);
    }
    const baseline = median(bareLoads);
    const withHeaders = median(headerLoads);
    // Cold: the page opened the moment the URL is printed (the sandbox still starting).
    host = await startHost(env);
    const cold = await fresh(host.url, true);
    await host.ready;
    const loads: Load[] = [];
    for (let i = 0; i < PAGE_BENCH.LOADS; i++) loads.push(await fresh(host.url, true));
    // Traced after the timed loads, alternating with the one-line page with the renderer's headers.
    const traced: PaintSplit[] = [];
    const tracedBaseline: PaintSplit[] = [];
    for (let i = 0; i < PAGE_BENCH.TRACED_LOADS; i++) {
      const ours = await tracedLoad(browser, host.url, UI_BENCH.VIEWPORT, PAGE_BENCH.TREE_TIMEOUT_MS);
      const theirs = await tracedLoad(browser, `${bareUrl.replace(/\/$/, '')}${WITH_HEADERS_PATH}`, UI_BENCH.VIEWPORT, PAGE_BENCH.TREE_TIMEOUT_MS);
      if (ours !== null) traced.push(ours);
      if (theirs !== null) tracedBaseline.push(theirs);
    }
    const split = (of: readonly PaintSplit[], key: Exclude<keyof PaintSplit, 'entryBeforePaint'>): number => median(of.map((t) => t[key]));
    const fcp = median(loads.map((l) => l.fcpMs));
    const tree = median(loads.map((l) => l.treeMs));
    const app = median(loads.map((l) => l.appMs));
    const first = loads[0]?.files ?? [];
    // The page itself counts: it carries the entry's stylesheet inline (inlineEntryCss in renderer/vite.config.mts).
    const jsCss = first.filter(([name]) => /\.(js|css)$/.test(name) || name === '/' || name.endsWith('.html'));
    const firstBytes = jsCss.reduce((sum, [, b]) => sum + b, 0);
    const allBytes = await rendererBytes();
    const base = { value: baseline / 1000, label: 'one-line page, bare Node server' };
    const rows: BenchRow[] = [
      { figure: 'first page: app shell painted (first contentful paint, static shell from index.html)', value: fcp / 1000, unit: 's', baseline: base, target: { text: '< 0.3 s', met: fcp < PAGE_BENCH.SHELL_PAINT_TARGET_MS } },
      { figure: 'the one-line page sent with the renderer’s security headers (COOP: a renderer process of its own)', value: withHeaders / 1000, unit: 's', baseline: base },
      { figure: 'first page: the React app rendered over the static shell (controls live)', value: app / 1000, unit: 's', baseline: base },
      { figure: 'first page: tree with the first profile’s clusters (sandbox ready)', value: tree / 1000, unit: 's', baseline: base, target: { text: '< 1 s', met: tree < PAGE_BENCH.FIRST_TREE_TARGET_MS } },
      { figure: 'first page opened as the URL is printed: tree with clusters (sandbox still starting)', value: cold.treeMs / 1000, unit: 's', baseline: base },
      { figure: 'first page, traced: renderer main-thread CPU before the first paint', value: split(traced, 'mainCpuMs'), unit: 'ms', baseline: { value: split(tracedBaseline, 'mainCpuMs'), label: 'one-line page with the renderer’s headers, traced' } },
      { figure: 'first page, traced: first paint (main-thread CPU above is part of it)', value: split(traced, 'paintMs'), unit: 'ms', baseline: { value: split(tracedBaseline, 'paintMs'), label: 'one-line page with the renderer’s headers, traced' } },
      { figure: 'first page, traced: entry script evaluation, CPU (thread time)', value: split(traced, 'entryCpuMs'), unit: 'ms', baseline: { value: split(traced, 'entryWallMs'), label: 'its wall time' } },
      { figure: 'first screen: page + JS + CSS loaded when the tree shows', value: firstBytes / 1000, unit: 'kB', baseline: { value: allBytes / 1000, label: 'all of the renderer’s page, JS + CSS' } },
    ];
    const detail = [
      `Baselines (first contentful paint, alternating): the one-line page ${baseline.toFixed(0)} ms (all: ${bareLoads.map((v) => v.toFixed(0)).join(', ')}); the same page with the headers both hosts send with the renderer (app/host/csp.ts) ${withHeaders.toFixed(0)} ms (all: ${headerLoads.map((v) => v.toFixed(0)).join(', ')}). Cross-Origin-Opener-Policy: same-origin among them makes Chromium commit the page in a new renderer process instead of the tab's first one, which the plain page reuses.`,
      `First page (Chromium ${browser.version()}, headless, ${UI_BENCH.VIEWPORT.width}×${UI_BENCH.VIEWPORT.height}, fresh context per load, medians of ${PAGE_BENCH.LOADS}): first contentful paint ${fcp.toFixed(0)} ms (all: ${loads.map((l) => l.fcpMs.toFixed(0)).join(', ')}; the static shell in index.html, styled by the stylesheet inlined in it), React app rendered ${app.toFixed(0)} ms, first cluster row ${tree.toFixed(0)} ms (all: ${loads.map((l) => l.treeMs.toFixed(0)).join(', ')}), both from navigation start. Opened right as the URL was printed: paint ${cold.fcpMs.toFixed(0)} ms, clusters ${cold.treeMs.toFixed(0)} ms.`,
      `Traced loads (${PAGE_BENCH.TRACED_LOADS} of each, after the timed ones, alternating; Chromium's trace, thread time of the page's renderer main thread): ours ${traced.map(describeSplit).join('; ')}. The one-line page with the same headers: ${tracedBaseline.map(describeSplit).join('; ')}. What the main thread did not spend on the CPU before the paint it spent waiting: for the HTML, for its renderer process, for a core (busy above CPU), and for the compositor to present the frame.`,
      `Files the first screen loaded (decoded bytes): ${first.map(([n, b]) => `${n === '/' ? 'index.html (the page, its stylesheet inline)' : n.replace(/^.*\//, '')} ${(b / 1000).toFixed(1)} kB`).join(', ')}. The terminal (xterm and its addons), the bottom panels and the dialogs load when first used.`,
    ].join('\n');
    return { rows, detail };
  } finally {
    host?.stop();
    await browser.close();
    await new Promise<void>((r) => bare.close(() => r()));
  }
}
