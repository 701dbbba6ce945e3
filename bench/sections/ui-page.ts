// What the UI bench runs inside the page: requestAnimationFrame deltas, and keystroke → screen
// latency (from the keydown event to the first animation frame whose xterm buffer shows the echo).
// The functions below are serialised into the page by playwright, so each is self-contained and
// types the page's globals itself (the bench compiles without the DOM library).
import type { Page } from 'playwright-core';
import { percentile } from './stats.js';

interface PageGlobals {
  requestAnimationFrame(cb: (now: number) => void): number;
  addEventListener(type: 'keydown', listener: () => void, capture: boolean): void;
  removeEventListener(type: 'keydown', listener: () => void, capture: boolean): void;
  __portholeTest: { activeText(): string | null; parsedBytes(sessionId: string): number; activeSessionId(): string | null };
  __benchKey?: Promise<number>;
}

export const UI_PAGE = {
  /** A keystroke whose echo has not shown by then is lost, not slow. */
  KEY_TIMEOUT_MS: 20_000,
} as const;

export interface Spread {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { samples: sorted.length, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted[sorted.length - 1] ?? 0 };
}

/** Output bytes xterm has parsed so far, summed over the given sessions. */
export async function parsedTotal(page: Page, sessionIds: readonly string[]): Promise<number> {
  if (sessionIds.length === 0) return 0;
  return page.evaluate((ids) => ids.reduce((sum, id) => sum + (globalThis as unknown as PageGlobals).__portholeTest.parsedBytes(id), 0), [...sessionIds]);
}

/** Deltas between consecutive animation frames for `ms` milliseconds. */
export async function sampleFrames(page: Page, ms: number): Promise<Spread> {
  const deltas = await page.evaluate(
    (duration) =>
      new Promise<number[]>((resolve) => {
        const g = globalThis as unknown as PageGlobals;
        const out: number[] = [];
        let last = -1;
        let end = Infinity;
        const tick = (now: number): void => {
          if (last >= 0) out.push(now - last);
          else end = now + duration;
          last = now;
          if (now < end) g.requestAnimationFrame(tick);
          else resolve(out);
        };
        g.requestAnimationFrame(tick);
      }),
    ms,
  );
  return spread(deltas);
}

/** Arms the page: the next keydown starts the clock, the first frame whose last line ends with `expected` stops it. */
async function arm(page: Page, expected: string): Promise<void> {
  await page.evaluate((want) => {
    const g = globalThis as unknown as PageGlobals;
    g.__benchKey = new Promise<number>((resolve) => {
      let t0 = -1;
      const onKey = (): void => {
        if (t0 < 0) t0 = performance.now();
      };
      g.addEventListener('keydown', onKey, true);
      const check = (): void => {
        if (t0 >= 0) {
          const text = g.__portholeTest.activeText() ?? '';
          const lastLine = text.slice(text.lastIndexOf('\n') + 1).trimEnd();
          if (lastLine.endsWith(want)) {
            g.removeEventListener('keydown', onKey, true);
            resolve(performance.now() - t0);
            return;
          }
        }
        g.requestAnimationFrame(check);
      };
      g.requestAnimationFrame(check);
    });
  }, expected);
}

async function collect(page: Page): Promise<number> {
  return page.evaluate(
    (timeout) =>
      Promise.race([
        (globalThis as unknown as PageGlobals).__benchKey ?? Promise.reject(new Error('the keystroke probe was not armed')),
        new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`no echo within ${timeout} ms`)), timeout)),
      ]),
    UI_PAGE.KEY_TIMEOUT_MS,
  );
}

/** Ctrl-U, then waits until the cursor line is a bare prompt again, so the next probe cannot match stale text. */
async function clearLine(page: Page): Promise<void> {
  await page.keyboard.press('Control+U');
  await page.waitForFunction(
    () => {
      const text = (globalThis as unknown as PageGlobals).__portholeTest.activeText() ?? '';
      return /[$#]$/.test(text.slice(text.lastIndexOf('\n') + 1).trimEnd());
    },
    undefined,
    { timeout: UI_PAGE.KEY_TIMEOUT_MS },
  );
}

/** Letters typed at the prompt of the active (idle) tab, one at a time; the line is cleared with Ctrl-U every `lineLength`. */
export async function keystrokeLatency(page: Page, samples: number, lineLength: number): Promise<Spread> {
  const times: number[] = [];
  let line = '';
  for (let i = 0; i < samples; i++) {
    if (line.length >= lineLength) {
      await clearLine(page);
      line = '';
    }
    const ch = String.fromCharCode(97 + (i % 26));
    line += ch;
    await arm(page, line);
    await page.keyboard.press(ch);
    times.push(await collect(page));
  }
  await clearLine(page);
  return spread(times);
}
