// Changing a shaper's knobs while it holds frames: nothing held is lost, and nothing is
// reordered beyond what the new knobs ask. Real timers; frames are tagged by their first byte.
import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.js';
import { FrameShaper, type FrameClass } from './shaper.js';
import { DirectionFaultsSchema, type DirectionFaultsInput } from './spec.js';

/** Twice the 50 ms delay the discarded frame had: had it been kept, it would have come by then. */
const DISCARDED_NEVER_COMES_MS = 100;

const CLS: FrameClass = { type: 'output_stream_data', payloadType: 1 };
const knobs = (k: DirectionFaultsInput) => DirectionFaultsSchema.parse(k);
const frame = (n: number) => Uint8Array.of(n);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function shaper(k: DirectionFaultsInput | undefined, seed = 7): { s: FrameShaper; got: number[] } {
  const got: number[] = [];
  const s = new FrameShaper(k && knobs(k), seededRandom(seed), (f) => got.push(f[0]!));
  return { s, got };
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await sleep(10);
}

describe('FrameShaper.setKnobs', () => {
  it('keeps delayed frames when the delay is lifted, and later frames queue behind them', async () => {
    const { s, got } = shaper({ delayMs: 300 });
    for (const n of [1, 2, 3]) s.push(frame(n), CLS);
    s.setKnobs(knobs({}));
    s.push(frame(4), CLS);
    expect(got).toEqual([]); // 4 does not overtake the held frames
    await until(() => got.length === 4);
    expect(got).toEqual([1, 2, 3, 4]);
    s.dispose();
  });

  it('is not idle while it holds frames, knobs lifted or not (the gateway frames lent output past it only when idle)', async () => {
    const delayed = shaper({ delayMs: 50 });
    expect(delayed.s.idle).toBe(true);
    delayed.s.push(frame(1), CLS);
    delayed.s.setKnobs(undefined);
    expect(delayed.s.idle).toBe(false);
    await until(() => delayed.got.length === 1);
    expect(delayed.s.idle).toBe(true);
    delayed.s.dispose();
    const window = shaper({ reorderWindow: 4 });
    window.s.push(frame(1), CLS);
    expect(window.s.idle).toBe(false);
    window.s.setKnobs(undefined);
    expect(window.s.idle).toBe(true);
    window.s.dispose();
  });

  it('releases a partly filled reorder window in arrival order when reordering is turned off', () => {
    const { s, got } = shaper({ reorderWindow: 8 });
    for (const n of [1, 2, 3, 4, 5]) s.push(frame(n), CLS);
    expect(got).toEqual([]);
    s.setKnobs(undefined);
    expect(got).toEqual([1, 2, 3, 4, 5]);
    expect(s.stats.reordered).toBe(0);
    s.dispose();
  });

  it('releases the window, still shuffled, when a smaller window is already full', () => {
    const { s, got } = shaper({ reorderWindow: 8 });
    for (const n of [1, 2, 3, 4, 5]) s.push(frame(n), CLS);
    s.setKnobs(knobs({ reorderWindow: 4 }));
    expect([...got].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(s.stats.reordered).toBe(5);
    s.dispose();
  });

  it('keeps a window the new knobs do not yet fill, and the same choices as if nothing changed', () => {
    const k = { drop: 0.3, duplicate: 0.2, reorderWindow: 8 };
    const a = shaper(k, 11);
    const b = shaper(k, 11);
    for (let n = 0; n < 200; n++) {
      a.s.push(frame(n), CLS);
      b.s.push(frame(n), CLS);
      if (n % 10 === 3) b.s.setKnobs(knobs(k)); // re-applying the same spec changes nothing
    }
    expect(b.got).toEqual(a.got);
    expect(b.s.stats).toEqual(a.s.stats);
    expect(a.s.stats.dropped).toBeGreaterThan(0);
    a.s.dispose();
    b.s.dispose();
  });

  it('discard loses what was in flight but keeps knobs and counters for the next socket', async () => {
    const { s, got } = shaper({ delayMs: 50 });
    s.push(frame(1), CLS);
    s.discard();
    s.push(frame(2), CLS);
    await until(() => got.length > 0);
    // The discarded frame must never come: watch past its 50 ms delay (a proof that nothing happens).
    await sleep(DISCARDED_NEVER_COMES_MS);
    expect(got).toEqual([2]);
    expect(s.stats.delayed).toBe(2);
    s.dispose();
  });
});
