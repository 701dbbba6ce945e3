import { describe, expect, it } from 'vitest';
import { Reliability, RtoEstimator } from './index.js';

describe('RtoEstimator (§4.4)', () => {
  it('starts at the spec constants', () => {
    expect(new RtoEstimator().rtoMs).toBe(Reliability.INITIAL_RTO_MS);
    expect(new RtoEstimator().srttMs).toBe(Reliability.INITIAL_SRTT_MS);
  });

  it('follows the RFC 6298 update with the 10 ms granularity term', () => {
    const est = new RtoEstimator();
    est.sample(20);
    // RTTVAR = 0.75·0 + 0.25·|100−20| = 20; SRTT = 0.875·100 + 0.125·20 = 90; RTO = 90 + 80
    expect(est.srttMs).toBeCloseTo(90);
    expect(est.rtoMs).toBeCloseTo(170);
    for (let i = 0; i < 200; i++) est.sample(1);
    // Converges to SRTT ≈ 1 ms with RTTVAR ≈ 0, so the 10 ms term dominates.
    expect(est.rtoMs).toBeGreaterThanOrEqual(Reliability.CLOCK_GRANULARITY_MS);
    expect(est.rtoMs).toBeLessThan(12);
  });

  it('caps at 1 s', () => {
    const est = new RtoEstimator();
    est.sample(5000);
    expect(est.rtoMs).toBe(Reliability.MAX_RTO_MS);
  });
});
