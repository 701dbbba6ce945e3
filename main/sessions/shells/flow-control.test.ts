import { describe, expect, it } from 'vitest';
import { FlowControl } from './flow-control.js';

describe('FlowControl', () => {
  it('lets a message go only while the window holds at most its size', () => {
    const fc = new FlowControl({ window: 100, readAhead: 40 });
    expect(fc.fits(100)).toBe(true);
    fc.sent(60);
    expect(fc.fits(40)).toBe(true); // exactly the window is within it
    expect(fc.fits(41)).toBe(false);
    fc.sent(40);
    expect(fc.fits(1)).toBe(false);
    fc.acked(30);
    expect(fc.unacked).toBe(70);
    expect(fc.fits(30)).toBe(true);
    expect(fc.fits(31)).toBe(false);
  });

  it('clamps over-acks at zero so a stale renderer cannot bank credit', () => {
    const fc = new FlowControl({ window: 100, readAhead: 40 });
    fc.sent(10);
    fc.acked(1_000);
    expect(fc.unacked).toBe(0);
    fc.sent(100);
    expect(fc.fits(1)).toBe(false);
  });

  it('reset forgets what is owed', () => {
    const fc = new FlowControl({ window: 100, readAhead: 40 });
    fc.sent(100);
    fc.reset();
    expect(fc.unacked).toBe(0);
    expect(fc.fits(100)).toBe(true);
  });

  it('refuses limits under which nothing could ever go or reading would stall', () => {
    expect(() => new FlowControl({ window: 0, readAhead: 40 })).toThrow(/window 0 must be above 0/);
    expect(() => new FlowControl({ window: 100, readAhead: 0 })).toThrow(/read-ahead 0 must be above 0/);
  });
});
