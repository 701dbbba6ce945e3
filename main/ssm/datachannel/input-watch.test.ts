// The input watch alone (input-watch.ts), ticked by hand (the data channel ticks it from the
// connection's liveness timer): when a wait is told, that any ack or a pause in judging clears it
// at once, and that it starts over afterwards.
import { describe, expect, it } from 'vitest';
import { Liveness } from '../connection/liveness.js';
import { InputWait, InputWatch } from './input-watch.js';

/** The tick that first sees the input starts the count; this many ticks in all before it can be told. */
const TELL_TICKS = Math.ceil(InputWait.UNANSWERED_AFTER_MS / Liveness.TICK_MS) + 1;

function watch(): { w: InputWatch; state: { pending: boolean; judging: boolean }; reports: (number | null)[] } {
  const state = { pending: true, judging: true };
  const reports: (number | null)[] = [];
  const w = new InputWatch({ pending: () => state.pending, judging: () => state.judging, report: (ms) => reports.push(ms) });
  return { w, state, reports };
}

const ticks = (w: InputWatch, n: number): void => {
  for (let i = 0; i < n; i++) w.tick();
};

describe('InputWatch', () => {
  it('tells a wait once input has gone unanswered for the threshold, growing each tick', () => {
    const { w, reports } = watch();
    ticks(w, TELL_TICKS - 1);
    expect(reports).toEqual([]);
    ticks(w, 2);
    expect(reports).toEqual([InputWait.UNANSWERED_AFTER_MS, InputWait.UNANSWERED_AFTER_MS + Liveness.TICK_MS]);
  });

  it('clears a told wait at once on an ack, and counts again from the next tick', () => {
    const { w, reports } = watch();
    ticks(w, TELL_TICKS);
    w.acked();
    expect(reports).toEqual([InputWait.UNANSWERED_AFTER_MS, null]);
    ticks(w, TELL_TICKS - 1);
    expect(reports).toHaveLength(2);
    w.acked(); // nothing shown: nothing to clear
    expect(reports).toHaveLength(2);
  });

  it('never counts an ack-less stretch shorter than the threshold, however often acks come', () => {
    const { w, reports } = watch();
    for (let i = 0; i < 10; i++) {
      ticks(w, TELL_TICKS - 1);
      w.acked();
    }
    expect(reports).toEqual([]);
  });

  it('clears and does not count while it cannot judge (reading paused, not connected) or nothing is pending', () => {
    const { w, state, reports } = watch();
    ticks(w, TELL_TICKS);
    state.judging = false;
    ticks(w, 3 * TELL_TICKS);
    expect(reports).toEqual([InputWait.UNANSWERED_AFTER_MS, null]);
    state.judging = true;
    state.pending = false;
    ticks(w, 3 * TELL_TICKS);
    expect(reports).toHaveLength(2);
  });
});
