import { describe, expect, it } from 'vitest';
import { AGENT } from './constants.js';
import { OutputPump, PUMP, type PumpSink } from './output-pump.js';

/**
 * A proof that nothing is sent can only watch for a while: an unpaced pump that could send does so
 * within an event-loop turn or two (it yields with setImmediate), and this window is many turns.
 */
const QUIET_MS = 20;

function sink(): PumpSink & { sent: Array<{ pt: number; bytes: Uint8Array; at: number }>; active: boolean } {
  const s = {
    active: true,
    sent: [] as Array<{ pt: number; bytes: Uint8Array; at: number }>,
    send(pt: number, bytes: Uint8Array) {
      s.sent.push({ pt, bytes, at: performance.now() });
    },
  };
  return s;
}

describe('OutputPump', () => {
  it('cuts bytes written in two parts exactly as it cuts their concatenation', async () => {
    const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i + seed) & 0xff);
    for (const [a, b] of [[8, 32_768], [8, 5], [0, 3000], [1024, 1024], [1500, 700], [2048, 0], [3, 1021], [1030, 2049]] as const) {
      const first = bytes(a, 1);
      const second = bytes(b, 2);
      const parts = sink();
      const whole = sink();
      const p1 = new OutputPump(parts, 'unpaced', false);
      const p2 = new OutputPump(whole, 'unpaced', false);
      p1.write(first, 1, second);
      p2.write(Buffer.concat([first, second]), 1);
      await Promise.all([p1.flush(), p2.flush()]);
      expect(parts.sent.map((m) => Buffer.from(m.bytes).toString('hex'))).toEqual(whole.sent.map((m) => Buffer.from(m.bytes).toString('hex')));
    }
  });

  it('faithful: ≤ 1024-byte messages on a 1 ms-per-message schedule', async () => {
    const s = sink();
    const pump = new OutputPump(s, 'faithful', false);
    pump.write(new Uint8Array(100 * 1024 + 5), 1);
    await pump.flush();
    expect(s.sent.map((m) => m.bytes.length)).toEqual([...Array<number>(100).fill(1024), 5]);
    // Message k goes no earlier than k ms after the first, less the bounded catch-up of a late pump.
    expect((s.sent.at(-1)?.at ?? 0) - (s.sent[0]?.at ?? 0)).toBeGreaterThanOrEqual(100 - PUMP.MAX_CATCH_UP_MS);
  });

  it('sends nothing while held or while the sink is inactive, then everything in order', async () => {
    const s = sink();
    const pump = new OutputPump(s, 'unpaced', true);
    pump.hold();
    pump.write(new TextEncoder().encode('one '), 1);
    await new Promise((r) => setTimeout(r, QUIET_MS));
    expect(s.sent).toHaveLength(0);
    s.active = false;
    pump.open();
    pump.write(new TextEncoder().encode('two'), 11);
    await new Promise((r) => setTimeout(r, QUIET_MS));
    expect(s.sent).toHaveLength(0);
    s.active = true;
    pump.activeChanged();
    await pump.flush();
    expect(s.sent.map((m) => [m.pt, Buffer.from(m.bytes).toString()])).toEqual([
      [1, 'one '],
      [11, 'two'],
    ]);
  });

  it('asks the source to stop above the high-water mark and emits drain below it', async () => {
    const s = sink();
    s.active = false;
    const pump = new OutputPump(s, 'unpaced', false);
    expect(pump.write(new Uint8Array(AGENT.PUMP_HIGH_WATER_BYTES - 1), 1)).toBe(true);
    expect(pump.write(new Uint8Array(10), 1)).toBe(false);
    const drained = new Promise<void>((resolve) => pump.once('drain', () => resolve()));
    s.active = true;
    pump.activeChanged();
    await drained;
    await pump.flush();
    expect(s.sent.reduce((n, m) => n + m.bytes.length, 0)).toBe(AGENT.PUMP_HIGH_WATER_BYTES + 9);
  });
});
