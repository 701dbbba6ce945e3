import { describe, expect, it } from 'vitest';
import { startRank } from './long-first-sequencer.js';

describe('which test files start first', () => {
  it('stress, then drop-in AWS CLI runs, then other sandbox integration, then the sandbox API under the CLI and boto3, then fuzz and memory, then the rest', () => {
    const files = [
      '/r/shared/format/words.test.ts',
      '/r/testing/hardening/fuzz/fuzz.fuzz.test.ts',
      '/r/main/sandbox/api/boto3.test.ts',
      '/r/main/transfer/transfer-faults.sandbox.test.ts',
      '/r/main/cli/plugin/stream-mode.sandbox.test.ts',
      '/r/main/sessions/forwards/forwards.stress.sandbox.test.ts',
    ];
    expect([...files].sort((a, b) => startRank(a) - startRank(b))).toEqual([...files].reverse());
  });

  it('Windows paths rank as POSIX ones', () => {
    expect(startRank('C:\\r\\main\\cli\\plugin\\drop-in.sandbox.test.ts')).toBe(startRank('/r/main/cli/plugin/drop-in.sandbox.test.ts'));
  });
});
