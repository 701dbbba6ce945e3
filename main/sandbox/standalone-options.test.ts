// `porthole sandbox` options: --max-session-duration takes AWS's range (whole minutes, 1–1440) and
// anything else is a usage error with exit status 2.
import { describe, expect, it } from 'vitest';
import { parseStandaloneArgs } from './standalone-options.js';

describe('porthole sandbox --max-session-duration', () => {
  it('takes whole minutes from 1 to 1440, as AWS does', () => {
    expect(parseStandaloneArgs(['--max-session-duration', '1'])).toMatchObject({ run: { maxSessionDuration: 1 } });
    expect(parseStandaloneArgs(['--max-session-duration', '1440'])).toMatchObject({ run: { maxSessionDuration: 1440 } });
    expect(parseStandaloneArgs([])).toMatchObject({ run: { maxSessionDuration: undefined } });
  });

  it('refuses other values with a usage error', () => {
    for (const bad of ['0', '1441', '1.5', 'ten', '']) {
      expect(parseStandaloneArgs(['--max-session-duration', bad])).toEqual({ exit: 2, stderr: expect.stringMatching(/^--max-session-duration must be whole minutes from 1 to 1440, got "/) });
    }
  });
});
