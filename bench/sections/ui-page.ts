// What the UI bench runs inside the page: requestAnimationFrame deltas and xterm's parsed-byte
// counters (keystroke → screen is in ui-keys.ts).
// The functions below are serialised into the page by playwright, so each is self-contained and
// types the page's globals itself (the bench compiles without the DOM library).
import type { Page } from 'playwright-core';
import { percentile } from './stats.js';

interface PageGlobals {
  requestAnimationFrame(cb: (now: number) => void): number;
  __portholeTest: { parsedBytes(sessionId: string): number };
}

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
