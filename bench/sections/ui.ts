// Issue 8 (renderer side): the real web host with the sandbox, driven in Debian's Chromium.
// In one run: renderer frame time and the host's event-loop lag while 8 tabs flood (`yes`,
// `base64 /dev/urandom`), and keystroke → screen latency on an idle tab with and without those
// floods — each beside a baseline from the same run. Figures, never assertions.
import { ctrlCStops, UI_CTRL_C } from './ui-ctrl-c.js';
import { benchUnpacedFloods, UI_FLOODS } from './ui-floods.js';
import { UI_XTERM_RAW } from './ui-xterm-raw.js';
import { cpus, loadavg } from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { BenchRow, BenchSection } from '../report.js';
import { startUiHost, type UiHost } from './ui-host.js';
import { KB, MB, median } from './stats.js';
import { SHELLS } from '../../main/sessions/shells/constants.js';
import { installKeyProbe, keystrokeLatency, type KeyBreakdown } from './ui-keys.js';
import { parsedTotal, sampleFrames, type Spread } from './ui-page.js';
import { openIdleTab, openTabs, startFloods, waitForFloods } from './ui-tabs.js';
import { tracedRows } from './ui-trace-capture.js';
import { floodVerdict } from './ui-floods.js';

export const UI_BENCH = {
  /** Issue 8: 8 tabs flooding. */
  FLOOD_TABS: 8,
  /** Frame deltas sampled per phase: a few hundred frames when the page keeps up. */
  FRAME_SAMPLE_MS: 3_000,
  /**
   * Keystrokes per latency figure; each costs at least a frame, far more while flooding. 60, not 30:
   * the p95 of 30 is the second-slowest key (stats.ts percentile), so one key that met a busy moment
   * on this shared machine decided the figure (33.8 ms against a 33.4 ms target, p50 16.7 ms);
   * of 60 it is the third-slowest, for about 2 × 30 more keys' time (a second each at worst).
   */
  KEYSTROKES: 60,
  /** Letters typed before the line is cleared: short enough never to wrap. */
  LINE_LENGTH: 20,
  /** Each flood must have parsed this much before measuring, so every tab is really flooding. */
  FLOOD_BYTES: 256 * 1024,
  /** Debian's chromium package; playwright's own browser download is not available here. */
  CHROMIUM: process.env['PORTHOLE_CHROMIUM'] ?? '/usr/bin/chromium',
  /** Same as e2e/playwright.config.ts: no user namespaces or GPU in containers, no phoning home. */
  CHROMIUM_ARGS: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  /** Same viewport as the e2e runs, so figures compare with their artifacts. */
  VIEWPORT: { width: 1280, height: 800 },
} as const;

interface Phase {
  readonly frames: Spread;
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
  /** Output xterm parsed across the flooding tabs during the phase, MB/s. */
  readonly parsedMBps: number;
}

/** Phases on stderr, so a slow or failed run shows where it was. */
function progress(started: number, what: string): void {
  process.stderr.write(`bench: ui: ${what} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
}

async function measurePhase(page: Page, host: UiHost, ms: number, floodIds: readonly string[] = []): Promise<Phase> {
  const before = await parsedTotal(page, floodIds);
  const t0 = performance.now();
  host.resetLag();
  const frames = await sampleFrames(page, ms);
  const lag = await host.lag();
  const parsedMBps = (await parsedTotal(page, floodIds)) - before;
  return { frames, lagP99Ms: lag.p99Ms, lagMaxMs: lag.maxMs, parsedMBps: parsedMBps / MB / ((performance.now() - t0) / 1000) };
}

/** Which xterm renderer the showing terminal uses: the WebGL addon draws into a canvas, the DOM renderer into rows of spans. */
async function activeRenderer(page: Page): Promise<string> {
  const webgl = await page.locator('[data-testid="active-terminal"] .xterm-screen canvas').count();
  return webgl > 0 ? 'WebGL' : "xterm's DOM renderer";
}

const line = (what: string, p: Phase): string =>
  `${what}: ${p.frames.samples} frames, p50 ${p.frames.p50Ms.toFixed(1)} ms, p95 ${p.frames.p95Ms.toFixed(1)} ms, max ${p.frames.maxMs.toFixed(0)} ms; host loop lag p99 ${p.lagP99Ms.toFixed(1)} ms, max ${p.lagMaxMs.toFixed(0)} ms` +
  (p.parsedMBps > 0 ? `; xterm parsed ${p.parsedMBps.toFixed(2)} MB/s of flood output.` : '.');
const pct = (share: number): string => `${(share * 100).toFixed(0)} %`;
const keys = (what: string, k: KeyBreakdown): string =>
  `${what}: ${k.total.samples} keystrokes, p50 ${k.total.p50Ms.toFixed(1)} ms, p95 ${k.total.p95Ms.toFixed(1)} ms, max ${k.total.maxMs.toFixed(0)} ms; ` +
  `p50 of each stage: keydown → input sent ${k.keyToSend.toFixed(1)}, sent → echo's websocket message ${k.sendToMessage.toFixed(1)}, message → xterm.write ${k.messageToWrite.toFixed(1)}, write → parsed ${k.writeToParsed.toFixed(1)}, parsed → painted ${k.parsedToPainted.toFixed(1)} ms.`;

/** Issue 16 §2: p50 within one frame interval + 2 ms, p95 within two frame intervals. */
function keyRows(what: string, k: KeyBreakdown, frameMs: number, baseline?: { value: number; p95: number; label: string }): BenchRow[] {
  const p50Target = frameMs + 2;
  const p95Target = 2 * frameMs;
  return [
    {
      figure: `keystroke → screen p50, ${what}`,
      value: k.total.p50Ms,
      unit: 'ms',
      ...(baseline ? { baseline: { value: baseline.value, label: baseline.label } } : {}),
      target: { text: `≤ one frame (${frameMs.toFixed(1)} ms) + 2 ms`, met: k.total.p50Ms <= p50Target },
    },
    {
      figure: `keystroke → screen p95, ${what}`,
      value: k.total.p95Ms,
      unit: 'ms',
      ...(baseline ? { baseline: { value: baseline.p95, label: baseline.label } } : {}),
      target: { text: `≤ two frames (${p95Target.toFixed(1)} ms)`, met: k.total.p95Ms <= p95Target },
    },
  ];
}

export async function benchUi(scale: number): Promise<Omit<BenchSection, 'seconds'>> {
  const keystrokes = Math.max(10, Math.round(UI_BENCH.KEYSTROKES * Math.min(scale, 1)));
  const sampleMs = Math.round(UI_BENCH.FRAME_SAMPLE_MS * Math.max(Math.min(scale, 1), 0.4));
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const host = await startUiHost();
  progress(started, 'web host and sandbox up');
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: UI_BENCH.CHROMIUM, args: [...UI_BENCH.CHROMIUM_ARGS] });
    const page = await browser.newPage({ viewport: UI_BENCH.VIEWPORT });
    await installKeyProbe(page);
    await page.goto(host.url);
    const container = await openIdleTab(page);
    progress(started, 'idle shell open');
    // Baselines: the page with the tree and one idle shell, nothing flooding.
    const idle = await measurePhase(page, host, sampleMs);
    const keysIdle = await keystrokeLatency(page, keystrokes, UI_BENCH.LINE_LENGTH);
    progress(started, 'baselines measured');
    // Floods in the idle tab, each stopped with Ctrl-C (the tab is back at its prompt afterwards).
    const stops = await ctrlCStops(page);
    const ctrlC = { ms: median(stops.map((c) => c.ms)), bytesAfter: median(stops.map((c) => c.bytesAfter)) };
    progress(started, 'Ctrl-C stop measured');
    const floodIds = await openTabs(page, container, UI_BENCH.FLOOD_TABS);
    progress(started, `${floodIds.length} more shells open`);
    await startFloods(page, floodIds.length);
    await waitForFloods(page, floodIds, UI_BENCH.FLOOD_BYTES);
    progress(started, 'every tab flooding');
    // The last flooding tab is showing: the worst case for the renderer.
    const floodVisible = await measurePhase(page, host, sampleMs, floodIds);
    const renderer = await activeRenderer(page);
    // Back to the idle tab: the floods go on in hidden tabs.
    await page.locator('.tab').first().click();
    const floodHidden = await measurePhase(page, host, sampleMs, floodIds);
    const keysFlood = await keystrokeLatency(page, keystrokes, UI_BENCH.LINE_LENGTH);
    await page.close();
    progress(started, 'faithful phases measured; unpaced floods next');
    const unpaced = await benchUnpacedFloods(browser, UI_BENCH.FLOOD_TABS, sampleMs, UI_BENCH.FLOOD_BYTES, UI_BENCH.VIEWPORT);
    const worstCatchUp = Math.max(...unpaced.catchUpMs);
    const n = floodIds.length;
    const rows: BenchRow[] = [
      { figure: `renderer frame time p50, ${n} tabs flooding (one showing)`, value: floodVisible.frames.p50Ms, unit: 'ms', baseline: { value: idle.frames.p50Ms, label: 'idle tab showing, nothing flooding' } },
      { figure: `renderer frame time p95, ${n} tabs flooding (one showing)`, value: floodVisible.frames.p95Ms, unit: 'ms', baseline: { value: idle.frames.p95Ms, label: 'idle tab showing, nothing flooding' } },
      { figure: `renderer frame time p95, ${n} hidden tabs flooding, idle tab showing`, value: floodHidden.frames.p95Ms, unit: 'ms', baseline: { value: idle.frames.p95Ms, label: 'nothing flooding' } },
      { figure: `web host event-loop lag p99, ${n} tabs flooding (one showing)`, value: floodVisible.lagP99Ms, unit: 'ms', baseline: { value: idle.lagP99Ms, label: 'same host, nothing flooding' } },
      { figure: `flood output parsed by xterm, ${n} tabs (one showing)`, value: floodVisible.parsedMBps, unit: 'MB/s' },
      { figure: `Ctrl-C → a \`yes\` flood stops in xterm, one tab flooding (median of ${stops.length})`, value: ctrlC.ms, unit: 'ms', target: { text: `< ${UI_CTRL_C.TARGET_MS} ms`, met: ctrlC.ms < UI_CTRL_C.TARGET_MS } },
      { figure: `output parsed after the Ctrl-C key (median of ${stops.length})`, value: ctrlC.bytesAfter / KB, unit: 'KB', target: { text: `≤ ${UI_CTRL_C.TARGET_BYTES / KB} KB`, met: ctrlC.bytesAfter <= UI_CTRL_C.TARGET_BYTES } },
      { figure: `flood output parsed by xterm in the showing tab, unpaced agent, ${unpaced.tabs} tabs flooding`, value: unpaced.visibleMBps, unit: 'MB/s', target: { text: `≥ ${UI_FLOODS.TARGET_MBPS} MB/s`, met: unpaced.visibleMBps >= UI_FLOODS.TARGET_MBPS } },
      { figure: 'xterm alone in the same page, `base64` lines, main’s window and no round trip (the showing tab’s ceiling)', value: unpaced.raw.base64.mbps, unit: 'MB/s' },
      { figure: `xterm alone in the same page, \`base64\` lines fed at ${UI_XTERM_RAW.PACED_MBPS} MB/s, main’s window and no round trip: parsed`, value: unpaced.raw.paced.mbps, unit: 'MB/s' },
      { figure: `xterm alone fed at ${UI_XTERM_RAW.PACED_MBPS} MB/s: frame time p95 meanwhile (the frame target for the showing tab is ≤ ${UI_FLOODS.TARGET_FRAME_P95_MS} ms)`, value: unpaced.raw.paced.frameP95Ms, unit: 'ms' },
      { figure: 'the showing tab’s xterm waiting for its next batch, nothing left to parse (unpaced)', value: unpaced.dryShare * 100, unit: '% of the time' },
      { figure: `hidden flooding tabs together, parsed meanwhile (unpaced, ${unpaced.tabs - 1} tabs)`, value: unpaced.hiddenMBps, unit: 'MB/s' },
      { figure: `web host CPU meanwhile (unpaced, engine and in-process sandbox)`, value: unpaced.hostCpuShare * 100, unit: '% of a core' },
      { figure: `page main thread busy meanwhile (unpaced)`, value: unpaced.pageBusyShare * 100, unit: '% of the time' },
      { figure: `page main thread on a CPU meanwhile (unpaced; the rest of its busy time its tasks waited for a core)`, value: unpaced.pageCpuShare * 100, unit: '% of the time' },
      { figure: `renderer frame time p95 meanwhile (unpaced, ${unpaced.tabs} tabs flooding, one showing)`, value: unpaced.frames.p95Ms, unit: 'ms', baseline: { value: idle.frames.p95Ms, label: 'idle tab showing, nothing flooding (first host)' }, target: { text: `≤ ${UI_FLOODS.TARGET_FRAME_P95_MS} ms`, met: unpaced.frames.p95Ms <= UI_FLOODS.TARGET_FRAME_P95_MS } },
      { figure: `hidden flooding tab shown → its scrollback current, worst of ${unpaced.catchUpMs.length} (unpaced)`, value: worstCatchUp, unit: 'ms', target: { text: `≤ ${UI_FLOODS.TARGET_CATCH_UP_MS} ms`, met: worstCatchUp <= UI_FLOODS.TARGET_CATCH_UP_MS } },
      ...(unpaced.traced ? tracedRows(unpaced.traced, 'unpaced showing-tab flood, traced', cpus().length) : []),
      ...keyRows('idle tab, nothing flooding', keysIdle, idle.frames.p50Ms),
      ...keyRows(`idle tab while ${n} hidden tabs flood`, keysFlood, idle.frames.p50Ms, { value: keysIdle.total.p50Ms, p95: keysIdle.total.p95Ms, label: 'same tab, nothing flooding' }),
    ];
    const detail = [
      `The built web host (sandbox in the same process, as \`npm run web\` runs it) in headless Chromium ${browser.version()} with no GPU, ${UI_BENCH.VIEWPORT.width}×${UI_BENCH.VIEWPORT.height}; ${n} tabs run \`yes\` and \`base64 /dev/urandom\` alternately, plus one idle shell tab. Load average (1 min) ${loadAtStart.toFixed(1)} when this section started and ${(loadavg()[0] ?? 0).toFixed(1)} when it ended, on ${cpus().length} cores: page, Chromium's other processes and the web host share them with whatever else runs, so rates and frame times here move with that load (compare figures within one run).`,
      'Frame time: deltas between requestAnimationFrame callbacks in the page. Host lag: monitorEventLoopDelay in the web host process, loaded with `node --import` by the bench only.',
      `The visible terminal drew with ${renderer}. Without a GPU Chromium offers WebGL rasterised in software (SwiftShader), and the renderer then keeps xterm's DOM renderer (renderer/terminal/webgl-probe.ts): with software WebGL, frame p95 with a flooding tab showing was 167 ms against 67 ms for the DOM renderer.`,
      `Keystroke → screen: from the keydown event in the page to the first animation frame after xterm has parsed the echoed letter (xterm paints in that frame: it asked for it while parsing). Stages from the page's own clock (bench/sections/ui-keys.ts); the frame interval in the targets is the idle phase's frame p50. No animation-frame loop runs while a key is in flight: one would itself make Chromium hold the echo after the key until the next frame. The probe reads only the terminal's last line (reading all 10,000 lines of scrollback the Ctrl-C floods leave took ~3.5 ms per look, counted before as write → parsed). ` +
        `Input comes first: hidden tabs parse on a shared budget in ticks, and a tick due soon after a key waits until the key's quiet window (BACKGROUND.INPUT_QUIET_MS, two frames) has passed, once (renderer/terminal/background-writer.ts), so the echo's parse and the frame that paints it find no hidden tab's parsing ahead of them; an echo parses at once on arrival (xterm parses the first write after input synchronously).`,
      line('Nothing flooding', idle),
      line(`${n} tabs flooding, a flooding tab showing`, floodVisible),
      line(`${n} tabs flooding hidden, the idle tab showing`, floodHidden),
      `Ctrl-C: \`yes\` in the idle tab (faithful agent, as \`npm run web\`), stopped after ${UI_CTRL_C.FLOOD_BYTES / MB} MB, ${stops.length} times: output stopped ${stops.map((c) => c.ms.toFixed(0)).join(', ')} ms after the key's keydown event was made (its timeStamp), with ${stops.map((c) => (c.bytesAfter / KB).toFixed(1)).join(', ')} KB parsed after it (the browser made that event ${stops.map((c) => c.deliveryMs.toFixed(0)).join(', ')} ms after the bench's press call: playwright's way to the browser, not counted; main's flow-control window toward xterm is ${SHELLS.WINDOW_BYTES / 1024} KiB, with up to ${SHELLS.READ_AHEAD_BYTES / 1024} KiB more waiting in main, main/sessions/shells/constants.ts; at the agent's pace xterm keeps up, so what follows the key is mostly what the agent had already read and sent before the interrupt reached the shell).`,
      `Unpaced floods (a second web host whose sandbox agent sends as fast as the engine takes it, so the source is never the limit): the showing flooding tab parsed ${unpaced.visibleMBps.toFixed(2)} MB/s; frames ${unpaced.frames.samples}, p50 ${unpaced.frames.p50Ms.toFixed(1)} ms, p95 ${unpaced.frames.p95Ms.toFixed(1)} ms, max ${unpaced.frames.maxMs.toFixed(0)} ms; meanwhile the web host (engine and in-process sandbox with its ${unpaced.tabs} agents) used ${pct(unpaced.hostCpuShare)} of a core (event-loop lag p99 ${unpaced.hostLagP99Ms.toFixed(1)} ms) and the page's main thread ran tasks ${pct(unpaced.pageBusyShare)} of the time but was on a CPU only ${pct(unpaced.pageCpuShare)} of the time (Chromium's ThreadTime; for the rest its tasks were preempted or blocked, waiting their turn for one of the ${cpus().length} cores). After ${UI_FLOODS.HIDDEN_MS / 1000} s hidden, flooding tabs shown one by one had parsed all output that had reached the page when shown after ${unpaced.catchUpMs.map((m) => m.toFixed(0)).join(', ')} ms (click included).`,
      `Hidden flooding tabs meanwhile parsed ${unpaced.hiddenMBps.toFixed(2)} MB/s together: while the showing terminal floods they share a quarter of their usual parse budget (renderer/terminal/background-writer.ts), so their remote programs run on, slowed, and what they hold when shown stays within main's window.`,
      `What bounds the showing tab: main keeps at most ${SHELLS.WINDOW_BYTES / 1024} KiB on its way to an xterm (sent, not yet acked as parsed), and a message goes only when it fits, so each ack that frees a batch's room lets the next batch go at once while xterm parses the rest (a sliding window, main/sessions/shells/flow-control.ts); what does not fit waits in main, which stops reading once ${SHELLS.READ_AHEAD_BYTES / 1024} KiB wait, so a refill never waits for the engine to read. Window and read-ahead together are ${(SHELLS.WINDOW_BYTES + SHELLS.READ_AHEAD_BYTES) / 1024} KiB, what a Ctrl-C in an xterm-bound flood leaves to parse (issue 16 §4: ≤ 64 KB after the key; what the engine had already read when reading paused comes on top). Until 2026-12-07 the same 48 KiB window ran on watermarks (stop reading above 32 KiB unacked, read on below 24 KiB): it refilled only once two of its three batches were parsed, so one batch had to cover the whole round trip. The tab's rate is at most the window per round trip (the page's ack → web host → next batch → the page's message task); 10 MB/s through a ${SHELLS.WINDOW_BYTES / 1024} KiB window needs a full turn of that loop every ${((SHELLS.WINDOW_BYTES / (10 * MB)) * 1000).toFixed(1)} ms, and even the 64 KiB the Ctrl-C target allows needs one every ${(((64 * 1024) / (10 * MB)) * 1000).toFixed(1)} ms. ` +
        `xterm's parsing is not what holds the tab back: alone in this page, at the app terminal's size (${unpaced.raw.cols}×${unpaced.raw.rows}) and held to the same window with no round trip (each write callback lets the next batch in), it parsed the same \`base64\` lines at ${unpaced.raw.base64.mbps.toFixed(1)} MB/s (frame p95 ${unpaced.raw.base64.frameP95Ms.toFixed(0)} ms: xterm parses in slices of up to 12 ms, so frames wait) and \`yes\` at ${unpaced.raw.yes.mbps.toFixed(1)} MB/s (frame p95 ${unpaced.raw.yes.frameP95Ms.toFixed(0)} ms). ` +
        `In the app the showing tab's xterm had parsed everything and waited for its next batch ${pct(unpaced.dryShare)} of the time (${unpaced.dryWaits.samples} waits, p50 ${unpaced.dryWaits.p50Ms.toFixed(1)} ms, p95 ${unpaced.dryWaits.p95Ms.toFixed(1)} ms, from the ack sent with nothing left to parse to the next output message's task; waits whose ack was held in the ack counter are not counted), while the web host used ${pct(unpaced.hostCpuShare)} of a core: the round trip through three processes (page, Chromium's network service, web host), each waiting its turn for one of two shared cores and the page's main thread for its frame, is what bounds the rate, not either side's CPU. Where the page's main-thread CPU went (Chromium trace of this phase, 4 s twice, 2026-12-06 at a load average of 25 on 2 cores): frames 53 % (style and layout of xterm's DOM rows 22 %, paint, compositing and commit 19 %, xterm building its rows 6 %, the bench's pointer left over the terminal 2 %), xterm's parsing tasks 22 %, websocket messages 13 % (our decode, checks and routing into xterm 7 %, Chromium delivering them 6 %), other scheduler tasks 8 %, the hidden tabs' background writer 2 %. Before renderer/terminal/selection-redraw.ts xterm built every row of a scrolling terminal a second time per frame for an empty selection: about 3 times as many rows per MB parsed (3.7–4.3 thousand against 1.2–1.4) and 8–18 % more main-thread CPU per MB (scratch A/B, 3 s samples at a load average of 24). Were the round trip free: xterm alone fed \`base64\` lines at ${UI_XTERM_RAW.PACED_MBPS} MB/s (from animation frames, what each owed, within the same window) parsed ${unpaced.raw.paced.mbps.toFixed(1)} MB/s with frame p95 ${unpaced.raw.paced.frameP95Ms.toFixed(0)} ms (target ≤ ${UI_FLOODS.TARGET_FRAME_P95_MS} ms).`,
      floodVerdict(unpaced, sampleMs),
      keys('Keystrokes, nothing flooding', keysIdle),
      keys(`Keystrokes, ${n} hidden tabs flooding`, keysFlood),
    ].join('\n');
    return { title: 'Desktop UI under flood (issue 8, renderer side)', rows, detail };
  } finally {
    await browser?.close();
    await host.stop();
  }
}
