// CI-sized fuzz run (issue 6 part 2): 10^4 inputs per target through the frame codec, smux,
// every contract schema and the sandbox's fault control. Zero crashes: every rejection is the
// target's typed error and every invariant (round trips, chunking, re-parse) holds.
// `npm run fuzz` runs 200,000 per target (1.4 M in all).
import { describe, expect, it } from 'vitest';
import { formatFuzzReport, runFuzz } from './runner.js';

const INPUTS_PER_TARGET = 10_000;
/** Fixed, so a CI failure replays locally with the same inputs. */
const SEED = 20_261_123;

describe('fuzzing', () => {
  it(`decodes ${INPUTS_PER_TARGET} mutated and random inputs per target without a crash`, () => {
    const reports = runFuzz({ inputsPerTarget: INPUTS_PER_TARGET, seed: SEED });
    console.info(formatFuzzReport(reports, SEED));
    for (const r of reports) {
      expect({ target: r.name, crashes: r.crashSamples }).toEqual({ target: r.name, crashes: [] });
      expect(r.accepted + r.rejected).toBe(INPUTS_PER_TARGET);
      // Both outcomes are reached: the inputs are neither all garbage nor all seeds.
      expect(r.accepted).toBeGreaterThan(0);
      expect(r.rejected).toBeGreaterThan(0);
    }
  });
});
