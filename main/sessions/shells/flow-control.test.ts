import { describe, expect, it } from 'vitest';
import { FlowControl } from './flow-control.js';

function flow(high = 100, low = 40) {
  const calls: string[] = [];
  const fc = new FlowControl({ pause: () => calls.push('pause'), resume: () => calls.push('resume') }, { high, low });
  return { fc, calls };
}

describe('FlowControl', () => {
  it('pauses once above the high watermark and resumes once below the low one', () => {
    const { fc, calls } = flow();
    fc.sent(60);
    fc.sent(40);
    expect(calls).toEqual([]); // exactly at the mark is not above it
    fc.sent(1);
    fc.sent(500);
    expect(calls).toEqual(['pause']);
    expect(fc.unacked).toBe(601);
    fc.acked(500);
    expect(calls).toEqual(['pause']); // 101 left: still above low
    fc.acked(62);
    expect(fc.unacked).toBe(39);
    expect(calls).toEqual(['pause', 'resume']);
    expect(fc.paused).toBe(false);
  });

  it('clamps over-acks at zero so a stale renderer cannot bank credit', () => {
    const { fc, calls } = flow();
    fc.sent(10);
    fc.acked(1_000);
    expect(fc.unacked).toBe(0);
    fc.sent(101);
    expect(calls).toEqual(['pause']);
  });

  it('reset forgets what is owed and resumes a paused session', () => {
    const { fc, calls } = flow();
    fc.sent(200);
    fc.reset();
    expect(fc.unacked).toBe(0);
    expect(calls).toEqual(['pause', 'resume']);
    fc.reset();
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('refuses watermarks that could never resume', () => {
    expect(() => flow(10, 10)).toThrow(/low watermark 10 must be below high watermark 10/);
  });
});
