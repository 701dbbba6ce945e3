import { describe, expect, it } from 'vitest';
import { numberOption, parseArgs } from './args.js';
import { CliError } from './io.js';

describe('parseArgs (node:util parseArgs for the subcommands)', () => {
  it('says each refusal in one plain line: unknown option, missing value, a value that starts with -', () => {
    const refusal = (args: string[]): string => {
      try {
        parseArgs(args, ['speed'], ['json']);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    };
    expect(refusal(['f', '--speed', '-1'])).toBe('--speed needs a value, and "-1" after it looks like an option; write --speed=-1 to give it as the value');
    expect(refusal(['f', '--speed'])).toBe('--speed needs a value');
    expect(refusal(['--bogus'])).toBe('unknown option --bogus (see porthole --help; a file name starting with - goes after --)');
  });

  it('splits positionals, flags and values in either --name value or --name=value form', () => {
    const a = parseArgs(['src', '--profile', 'dev', '--quiet', 'dst', '--region=eu-west-1', '--no-compress'], ['profile', 'region'], ['quiet', 'no-compress']);
    expect(a.positional).toEqual(['src', 'dst']);
    expect([...a.flags].sort()).toEqual(['no-compress', 'quiet']);
    expect(Object.fromEntries(a.values)).toEqual({ profile: 'dev', region: 'eu-west-1' });
  });

  it('takes what follows -- as positionals, even when it looks like an option', () => {
    expect(parseArgs(['--', '--json'], [], ['json']).positional).toEqual(['--json']);
  });

  it('refuses unknown options, a flag given a value, and a value option without one, as CliError', () => {
    for (const args of [['--bogus'], ['--json=1'], ['--speed']]) {
      const err = (() => {
        try {
          parseArgs(args, ['speed'], ['json']);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err, args.join(' ')).toBeInstanceOf(CliError);
      expect((err as Error).message, args.join(' ')).toContain(args[0]!.split('=')[0]);
    }
  });

  it('numberOption reads a positive number or the fallback', () => {
    expect(numberOption(parseArgs(['--speed', '2.5'], ['speed'], []), 'speed', 1)).toBe(2.5);
    expect(numberOption(parseArgs([], ['speed'], []), 'speed', 1)).toBe(1);
    expect(() => numberOption(parseArgs(['--speed=0'], ['speed'], []), 'speed', 1)).toThrow('--speed must be a positive number, got "0"');
  });
});
