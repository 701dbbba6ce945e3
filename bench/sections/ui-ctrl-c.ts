// Ctrl-C → the flood stops, for the UI bench (issue 8: "Ctrl-C stops a flood within a second").
// Measured on bytes xterm has parsed (the page's test hook), not on a copy: the page samples the
// session's parsed-byte counter, the bench presses Ctrl-C, and the figure is the time from the
// key's keydown event (its timeStamp: when the browser made the event, so the way into the page
// and any wait for the page's main thread count) to the first sample that already held the final
// count, and the bytes parsed after the keydown ran (issue 16 §4: < 150 ms, ≤ 64 KB). A figure,
// never an assertion. Not from the bench's press call: playwright's way to the browser (its
// protocol message, the browser's turn on a busy core) is the harness's, and on a 2-core machine
// at load 16 it was 50–100 ms of the 150–240 ms measured from that call. It is reported beside.
import type { Page } from 'playwright-core';

export const UI_CTRL_C = {
  /** The flood is established once this much output has been parsed. */
  FLOOD_BYTES: 2 * 1024 * 1024,
  /** No new bytes for this long means the flood is over (well above any batching interval). */
  QUIET_MS: 1500,
  /** How often the page samples the parsed-bytes counter. */
  SAMPLE_MS: 20,
  /** A flood that neither starts nor stops within this is broken, not slow. */
  TIMEOUT_MS: 60_000,
  /** Issue 16 §4's target (issue 8 asked for a second). */
  TARGET_MS: 150,
  /** Issue 16 §4: output still reaching the screen after the key, bounded by the flow-control window. */
  TARGET_BYTES: 64 * 1024,
  /**
   * Floods stopped per figure, the median reported: on a loaded 2-core machine one stop measured
   * anywhere from 34 to 376 ms (the interrupt's way to the shell waits for cores), so a single
   * one said more about the moment than about the app. Each costs a few seconds (FLOOD_BYTES at
   * the agent's pace, then QUIET_MS).
   */
  RUNS: 3,
} as const;

interface KeyEventLike {
  readonly ctrlKey: boolean;
  readonly code: string;
  /** When the browser created the event, on the page's performance clock. */
  readonly timeStamp: number;
}

interface FloodWindow {
  __portholeTest: { parsedBytes(sessionId: string): number; activeSessionId(): string | null };
  __ctrlC?: { samples: Array<[number, number]>; timer: ReturnType<typeof setInterval>; keydown: { at: number; bytes: number } | null };
  performance: { now(): number };
  addEventListener(type: 'keydown', listener: (e: KeyEventLike) => void, capture: boolean): void;
  removeEventListener(type: 'keydown', listener: (e: KeyEventLike) => void, capture: boolean): void;
}

export interface CtrlCStop {
  /** From the key's keydown event (its creation in the browser) to the first sample that held the final count. */
  readonly ms: number;
  /** Bytes xterm parsed after the keydown ran. */
  readonly bytesAfter: number;
  /** From the bench's key press call to the browser creating the keydown (the harness's delivery, not the app's). */
  readonly deliveryMs: number;
}

/** UI_CTRL_C.RUNS floods stopped one after another in the active tab; each stop, in order. */
export async function ctrlCStops(page: Page): Promise<CtrlCStop[]> {
  const stops: CtrlCStop[] = [];
  for (let i = 0; i < UI_CTRL_C.RUNS; i++) stops.push(await ctrlCStop(page));
  return stops;
}

/** Starts `yes` in the active (idle, at a prompt) tab, stops it with Ctrl-C; how long and how much output followed the key. */
async function ctrlCStop(page: Page): Promise<CtrlCStop> {
  await page.locator('[data-testid="active-terminal"] .xterm').click();
  await page.keyboard.type('yes');
  await page.keyboard.press('Enter');
  const id = await page.evaluate(() => (globalThis as unknown as FloodWindow).__portholeTest.activeSessionId() ?? '');
  await page.waitForFunction(
    ({ s, min }) => (globalThis as unknown as FloodWindow).__portholeTest.parsedBytes(s) > min,
    { s: id, min: UI_CTRL_C.FLOOD_BYTES },
    { timeout: UI_CTRL_C.TIMEOUT_MS, polling: 100 },
  );
  await page.evaluate(
    ({ s, every }) => {
      const w = globalThis as unknown as FloodWindow;
      const samples: Array<[number, number]> = [];
      const state: NonNullable<FloodWindow['__ctrlC']> = { samples, timer: setInterval(() => samples.push([Date.now(), w.__portholeTest.parsedBytes(s)]), every), keydown: null };
      // Capture phase on the window: before xterm (or anything else) sees the key.
      const onKey = (e: KeyEventLike): void => {
        if (!e.ctrlKey || e.code !== 'KeyC') return;
        // On the samples' Date.now() clock: now, less the event's age on the performance clock.
        state.keydown = { at: Date.now() - (w.performance.now() - e.timeStamp), bytes: w.__portholeTest.parsedBytes(s) };
        w.removeEventListener('keydown', onKey, true);
      };
      w.addEventListener('keydown', onKey, true);
      w.__ctrlC = state;
    },
    { s: id, every: UI_CTRL_C.SAMPLE_MS },
  );
  const pressed = await page.evaluate((s) => ({ at: Date.now(), bytes: (globalThis as unknown as FloodWindow).__portholeTest.parsedBytes(s) }), id);
  await page.keyboard.press('Control+C');
  await page.waitForFunction(
    (quiet) => {
      const samples = (globalThis as unknown as FloodWindow).__ctrlC?.samples ?? [];
      const last = samples[samples.length - 1];
      if (last === undefined || last[0] - (samples[0]?.[0] ?? last[0]) <= quiet) return false;
      return samples.filter(([t]) => t >= last[0] - quiet).every(([, b]) => b === last[1]);
    },
    UI_CTRL_C.QUIET_MS,
    { timeout: UI_CTRL_C.TIMEOUT_MS, polling: 100 },
  );
  const stopped = await page.evaluate(() => {
    const w = globalThis as unknown as FloodWindow;
    const c = w.__ctrlC;
    if (!c) return { at: 0, bytes: 0, keydown: null };
    clearInterval(c.timer);
    const final = c.samples[c.samples.length - 1]?.[1] ?? 0;
    // The first sample that already had the final count: the buffer stopped growing then.
    return { at: c.samples.find(([, b]) => b === final)?.[0] ?? 0, bytes: final, keydown: c.keydown };
  });
  if (stopped.keydown === null) throw new Error('the Ctrl-C key press never reached the page as a keydown');
  return { ms: stopped.at - stopped.keydown.at, bytesAfter: stopped.bytes - stopped.keydown.bytes, deliveryMs: stopped.keydown.at - pressed.at };
}
