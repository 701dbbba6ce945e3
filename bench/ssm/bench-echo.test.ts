import { describe, expect, it } from 'vitest';
import { EchoTimer, quantile, type EchoTarget } from './bench-echo.js';

/** A target that echoes each key after `delayMs`, optionally with noise before it; `gaps` holds send → echo as it saw them. */
function fakeTarget(delayMs: number, noise = ''): EchoTarget & { sent: string[]; gaps: number[] } {
  let listener: ((text: string) => void) | undefined;
  const sent: string[] = [];
  const gaps: number[] = [];
  return {
    sent,
    gaps,
    send: (key) => {
      sent.push(key);
      const sentAt = performance.now();
      setTimeout(() => {
        gaps.push(performance.now() - sentAt);
        listener?.(noise + key);
      }, delayMs);
    },
    onText: (l) => void (listener = l),
    close: async () => undefined,
  };
}

describe('EchoTimer', () => {
  it('sends one key at a time and records when its echo arrived', async () => {
    const target = fakeTarget(5, '\x1b[0m');
    const times = await new EchoTimer(target).time(4);
    expect(target.sent).toEqual(['a', 'b', 'c', 'd']);
    expect(times).toHaveLength(4);
    // The timer starts before send and stops after the echo was handed over: never less than the gap.
    times.forEach((t, i) => expect(t).toBeGreaterThanOrEqual(target.gaps[i] ?? Infinity));
  });

  it('waits for setup text, including text that arrived before the call', async () => {
    const target = fakeTarget(1);
    const timer = new EchoTimer(target);
    target.send('z');
    await new Promise((r) => setTimeout(r, 10));
    await expect(timer.waitForText('z')).resolves.toBeUndefined();
  });

  it('quantile picks from the sorted values', () => {
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(quantile([5, 1, 3, 2, 4], 1)).toBe(5);
    expect(quantile([], 0.99)).toBe(0);
  });
});
