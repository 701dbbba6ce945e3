// Issue 16 §4 in the UI bench: floods from an unpaced sandbox agent, so the source outruns the
// renderer and what is measured is the renderer's own limit (the emulated agent's faithful pacing,
// like the real one's 1 ms per 1 KB read, caps a shell near 1 MB/s). On a second web host:
//   - xterm's own parse rate in that page (ui-xterm-raw.ts), the ceiling for what follows;
//   - the showing flooding tab: MB/s xterm parsed there, and frame time meanwhile, with the share
//     of a core the web host used (sandbox included) and the share of time the page's main thread
//     ran tasks, to say which side is the limit;
//   - hidden flooding tabs shown one by one: how long until the tab has parsed everything that had
//     reached the page when it was shown (its scrollback is current).
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { installKeyProbe, type RoundTripProbe } from './ui-keys.js';
import { startUiHost } from './ui-host.js';
import { MB } from './stats.js';
import { parsedTotal, sampleFrames, spread, type Spread } from './ui-page.js';
import { openIdleTab, openTabs, startFloods, waitForFloods } from './ui-tabs.js';
import { rawParseRate, type RawParse } from './ui-xterm-raw.js';
import { traceFlood, type TracedFlood } from './ui-trace-capture.js';

/** From dist/bench/sections: the test build of the renderer the UI host serves, with its source maps. */
const RENDERER_ASSETS = fileURLToPath(new URL('../../testing/renderer/assets', import.meta.url));

export const UI_FLOODS = {
  /** Issue 16 §4: the showing flooding tab parses at least this much. */
  TARGET_MBPS: 10,
  /** …while frame p95 stays within this. */
  TARGET_FRAME_P95_MS: 20,
  /** A hidden tab, when shown, is current within this. */
  TARGET_CATCH_UP_MS: 1000,
  /** Hidden flooding tabs shown one after another for the catch-up figure. */
  CATCH_UP_TABS: 3,
  /** How long the flooding tabs stay hidden before one is shown, so each has a backlog. */
  HIDDEN_MS: 2000,
  /** Catch-up polls (a timer in the page, never animation frames). */
  POLL_MS: 5,
  /** A tab that is not current by then is reported as that. */
  CATCH_UP_TIMEOUT_MS: 30_000,
} as const;

interface FloodWindow {
  __portholeTest: { parsedBytes(sessionId: string): number };
  __benchReceived?: Record<string, number>;
  __benchRoundTrips?: RoundTripProbe;
}

export interface UnpacedFloods {
  readonly visibleMBps: number;
  /** All hidden flooding tabs together meanwhile, MB/s parsed. */
  readonly hiddenMBps: number;
  /** The showing tab's xterm waiting with nothing to parse for the next batch (ui-keys.ts RoundTripProbe), each wait. */
  readonly dryWaits: Spread;
  /** Those waits summed over the sampled time. */
  readonly dryShare: number;
  readonly frames: Spread;
  /** CPU time of the web host process (engine and in-process sandbox) over wall time, while the showing tab was measured. */
  readonly hostCpuShare: number;
  /** The web host's event-loop delay p99 meanwhile: how long an ack can wait there. */
  readonly hostLagP99Ms: number;
  /** Time the page's main thread spent running tasks (parse, render, script) over wall time, meanwhile. */
  readonly pageBusyShare: number;
  /** CPU time of the page's main thread over wall time, meanwhile: below the busy share when its tasks wait for a core. */
  readonly pageCpuShare: number;
  /** xterm's own parse rate in this page, nothing between: the showing tab's ceiling. */
  readonly raw: RawParse;
  /**
   * The page's main thread split by kind of work, with the CPU of Chromium's processes and the
   * machine, from a Chromium trace taken right after the figures above (tracing costs the page
   * time of its own, so it never overlaps them); null when the trace had no main thread.
   */
  readonly traced: TracedFlood | null;
  /** ms per hidden tab shown until it was current. */
  readonly catchUpMs: readonly number[];
  readonly tabs: number;
}

/**
 * Seconds the page's main thread has spent running tasks so far, wall clock (Chromium's
 * TaskDuration metric), and the CPU time it used meanwhile (ThreadTime): a task preempted while
 * other processes have the cores counts in the first only.
 */
async function taskSeconds(cdp: CDPSession): Promise<{ wall: number; cpu: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string): number => metrics.find((m) => m.name === name)?.value ?? 0;
  return { wall: metric('TaskDuration'), cpu: metric('ThreadTime') };
}

/** Shows tab `index` and returns ms until its xterm had parsed all output that had reached the page at the click. */
async function catchUp(page: Page, index: number, id: string): Promise<number> {
  const started = Date.now();
  await page.locator('.tab').nth(index).click();
  const target = await page.evaluate((s) => (globalThis as unknown as FloodWindow).__benchReceived?.[s] ?? 0, id);
  await page.waitForFunction(
    ({ s, want }) => (globalThis as unknown as FloodWindow).__portholeTest.parsedBytes(s) >= want,
    { s: id, want: target },
    { timeout: UI_FLOODS.CATCH_UP_TIMEOUT_MS, polling: UI_FLOODS.POLL_MS },
  );
  return Date.now() - started;
}

export async function benchUnpacedFloods(browser: Browser, tabs: number, sampleMs: number, floodBytes: number, viewport: { width: number; height: number }): Promise<UnpacedFloods> {
  const host = await startUiHost('unpaced');
  // bypassCSP: the raw parse measurement injects xterm's script into the app's page.
  const page = await browser.newPage({ viewport, bypassCSP: true });
  try {
    await installKeyProbe(page);
    await page.goto(host.url);
    const container = await openIdleTab(page);
    const raw = await rawParseRate(page);
    const ids = await openTabs(page, container, tabs);
    await startFloods(page, ids.length);
    await waitForFloods(page, ids, floodBytes);
    // The last flooding tab started is showing.
    const showing = ids[ids.length - 1] ?? '';
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const hidden = ids.slice(0, -1);
    const before = await parsedTotal(page, [showing]);
    const hiddenBefore = await parsedTotal(page, hidden);
    const busyBefore = await taskSeconds(cdp);
    host.resetLag();
    await page.evaluate((s) => (globalThis as unknown as FloodWindow).__benchRoundTrips?.start(s), showing);
    const t0 = performance.now();
    const frames = await sampleFrames(page, sampleMs);
    const seconds = (performance.now() - t0) / 1000;
    const waits = await page.evaluate(() => (globalThis as unknown as FloodWindow).__benchRoundTrips?.stop() ?? []);
    const visibleMBps = ((await parsedTotal(page, [showing])) - before) / MB / seconds;
    const hiddenMBps = ((await parsedTotal(page, hidden)) - hiddenBefore) / MB / seconds;
    const busyAfter = await taskSeconds(cdp);
    const pageBusyShare = (busyAfter.wall - busyBefore.wall) / seconds;
    const pageCpuShare = (busyAfter.cpu - busyBefore.cpu) / seconds;
    const hostReport = await host.lag();
    const hostCpuShare = hostReport.cpuMs / 1000 / seconds;
    await cdp.detach();
    const traced = await traceFlood(page, sampleMs, RENDERER_ASSETS);
    // Hide them all behind the idle tab for a while, then show hidden ones one by one.
    await page.locator('.tab').first().click();
    const catchUpMs: number[] = [];
    for (let i = 0; i < Math.min(UI_FLOODS.CATCH_UP_TABS, ids.length); i++) {
      await page.waitForTimeout(UI_FLOODS.HIDDEN_MS);
      catchUpMs.push(await catchUp(page, i + 1, ids[i] ?? ''));
      await page.locator('.tab').first().click();
    }
    const dryShare = waits.reduce((sum, ms) => sum + ms, 0) / 1000 / seconds;
    return { visibleMBps, hiddenMBps, dryWaits: spread(waits), dryShare, frames, hostCpuShare, hostLagP99Ms: hostReport.p99Ms, pageBusyShare, pageCpuShare, raw, traced, catchUpMs, tabs: ids.length };
  } finally {
    await page.close();
    await host.stop();
  }
}

const pct = (share: number): string => `${(share * 100).toFixed(0)} %`;

/** The report's paragraph on why the showing tab is below its target: the traced split, and whether xterm alone could have met it here. */
export function floodVerdict(u: UnpacedFloods, tracedMs: number): string {
  const t = u.traced;
  const split =
    t === null
      ? 'The trace of the showing-tab flood had no page main thread to split.'
      : `Where the page's main thread went in a ${(tracedMs / 1000).toFixed(0)} s Chromium trace right after those figures (tracing costs the page time of its own; bench/sections/ui-main-thread.ts): xterm parsing ${pct(t.shares.parse)}, xterm drawing its rows ${pct(t.shares.draw)} plus Chromium's frame work for them ${pct(t.shares.frame)}, our data path and other app script ${pct(t.shares.ours)}, garbage collection ${pct(t.shares.gc)}, other browser work ${pct(t.shares.other)}, busy but waiting for a core ${pct(t.shares.waiting)}, idle ${pct(t.shares.idle)}; meanwhile the page's renderer process used ${pct(t.rendererCpu)} of a core, Chromium's other processes ${pct(t.otherChromiumCpu)} and the machine as a whole was ${pct(t.machineBusy)} busy.`;
  const ceilingMet = u.raw.paced.mbps >= UI_FLOODS.TARGET_MBPS && u.raw.paced.frameP95Ms <= UI_FLOODS.TARGET_FRAME_P95_MS;
  const verdict = ceilingMet
    ? `xterm alone in this page, fed ${UI_FLOODS.TARGET_MBPS} MB/s with no round trip, met both targets (${u.raw.paced.mbps.toFixed(1)} MB/s, frame p95 ${u.raw.paced.frameP95Ms.toFixed(0)} ms): what keeps the app's tab at ${u.visibleMBps.toFixed(2)} MB/s is the round trip that paces its flow-control window (its xterm waited for its next batch ${pct(u.dryShare)} of the time).`
    : `In this run not even xterm by itself met both targets, so no change to the data path could have: alone in this page, with no websocket, no main and no round trip, fed ${UI_FLOODS.TARGET_MBPS} MB/s it parsed ${u.raw.paced.mbps.toFixed(1)} MB/s with frame p95 ${u.raw.paced.frameP95Ms.toFixed(0)} ms (targets ≥ ${UI_FLOODS.TARGET_MBPS} MB/s, ≤ ${UI_FLOODS.TARGET_FRAME_P95_MS} ms), and as fast as it could ${u.raw.base64.mbps.toFixed(1)} MB/s with frame p95 ${u.raw.base64.frameP95Ms.toFixed(0)} ms${t !== null && t.shares.draw + t.shares.frame > t.shares.parse ? '; in the app, drawing its rows took more of the main thread than parsing them' : ''}. The app's tab (${u.visibleMBps.toFixed(2)} MB/s) is further held by the round trip each turn of its flow-control window needs: its xterm waited for its next batch ${pct(u.dryShare)} of the time.`;
  return `${split} ${verdict}`;
}
