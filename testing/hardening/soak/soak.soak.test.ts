// CI-sized fault soak (issue 6 part 1): the link both ways (2 % drop, 2 % duplicate,
// reorder window 8, 300 ms stalls) with kills and stalls every half second or so instead of every
// 20 s, and a few hundred KB instead of 100 MB. `npm run soak` is the long run.
import { describe, expect, it } from 'vitest';
import { formatSoakReport, runSoak, soakFailures, SOAK_FAULTS, type SoakOptions } from './soak.js';

const OPTIONS: SoakOptions = {
  shellBytes: 512 * 1024,
  forwardBytes: 1024 * 1024,
  connections: 8,
  // Several kills and stalls within a transfer of a few seconds — still some if a fast machine
  // moves the bytes in a second (the assertions below need at least one of each).
  faults: { ...SOAK_FAULTS, killEveryMs: 700, stallEveryMs: 500 },
  log: (line) => console.info(line),
  progressEveryMs: 2_000,
};

describe('fault soak (short)', () => {
  it('keeps every byte each way through a shell and an 8-connection forward, resuming the same sessions', async () => {
    const r = await runSoak(OPTIONS);
    console.info(formatSoakReport(r));
    expect(soakFailures(r, OPTIONS)).toEqual([]);
    // The faults really happened, and the sessions really resumed.
    expect(r.faults.kills).toBeGreaterThan(0);
    expect(r.faults.stalls).toBeGreaterThan(0);
    expect(r.output.reconnects + r.input.reconnects).toBeGreaterThan(0);
    // Output was lost toward the client (not only toward the agent) and the agent recovered it.
    expect(OPTIONS.faults.dropToClient ?? OPTIONS.faults.link.drop).toBeGreaterThan(0);
    expect(r.output.link.droppedToClient).toBeGreaterThan(0);
    expect(r.output.link.agentRetransmits).toBeGreaterThan(0);
    expect(r.forward.link.droppedToClient + r.forward.link.droppedToAgent).toBeGreaterThan(0);
  });
});
