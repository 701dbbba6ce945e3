import { describe, expect, it } from 'vitest';
import { RateMeter } from './rates.js';

describe('RateMeter', () => {
  it('reports growth per second between samples and never goes negative', () => {
    let now = 0;
    const meter = new RateMeter(() => now);
    now = 1000;
    meter.sample(5000);
    expect(meter.perSecond).toBe(5000);
    now = 1500;
    meter.sample(6000);
    expect(meter.perSecond).toBe(2000);
    now = 2500;
    meter.sample(6000);
    expect(meter.perSecond).toBe(0);
  });
});
