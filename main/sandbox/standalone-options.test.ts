// `porthole sandbox` options: --max-session-duration and --idle-session-timeout take AWS's ranges
// (whole minutes, 1–1440 and 1–60) and anything else is a usage error with exit status 2.
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

describe('porthole sandbox --idle-session-timeout', () => {
  it('takes whole minutes from 1 to 60, as AWS does', () => {
    expect(parseStandaloneArgs(['--idle-session-timeout', '1'])).toMatchObject({ run: { idleSessionTimeout: 1 } });
    expect(parseStandaloneArgs(['--idle-session-timeout', '60'])).toMatchObject({ run: { idleSessionTimeout: 60 } });
    expect(parseStandaloneArgs([])).toMatchObject({ run: { idleSessionTimeout: undefined } });
  });

  it('refuses other values with a usage error', () => {
    for (const bad of ['0', '61', '1.5', 'ten', '']) {
      expect(parseStandaloneArgs(['--idle-session-timeout', bad])).toEqual({ exit: 2, stderr: expect.stringMatching(/^--idle-session-timeout must be whole minutes from 1 to 60, got "/) });
    }
  });
});
