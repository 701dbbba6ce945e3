import { defineConfig } from 'vitest/config';
import LongFirstSequencer from './testing/vitest/long-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'shared/**/*.test.ts', 'app/**/*.test.ts', 'renderer/**/*.test.ts', 'testing/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Integration tests open real sockets, ptys and websockets; give them room on a 2-core box.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most integration tests wait on sockets, ptys, timers and AWS CLI subprocesses rather than
    // burn CPU; vitest's default of (cores − 1) = 1 worker on a 2-core CI box serialises that
    // waiting. Four workers overlap it.
    maxWorkers: 4,
    reporters: ['default'],
    // Long integration files first, so none of them is left running alone at the end of a CI run.
    sequence: { sequencer: LongFirstSequencer },
  },
});
