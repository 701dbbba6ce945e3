// The words on a credential_process deadline: how to give the helper longer, never a value it cannot have.
import { describe, expect, it } from 'vitest';
import { PROCESS_LIMIT, raiseLimitWords } from './credential-process-limit.js';

describe('raiseLimitWords', () => {
  it('suggests twice the current limit below the maximum', () => {
    expect(raiseLimitWords('vault', 120_000)).toContain(`"${PROCESS_LIMIT.SETTING} = 240"`);
  });

  it('suggests the maximum when twice the limit would pass it', () => {
    expect(raiseLimitWords('vault', 1_000_000)).toContain(`"${PROCESS_LIMIT.SETTING} = ${PROCESS_LIMIT.MAX_SECONDS}"`);
  });

  it('at the maximum, says it cannot go higher instead of suggesting the same value', () => {
    const words = raiseLimitWords('vault', PROCESS_LIMIT.MAX_SECONDS * 1000);
    expect(words).not.toContain(' = ');
    expect(words).toContain(`already the longest ${PROCESS_LIMIT.SETTING} allows`);
    expect(words).toContain('cannot be given longer');
  });
});
