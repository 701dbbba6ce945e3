// Minimal option parsing for the porthole subcommands (flags and `--name value` pairs).
import { CliError } from './io.js';

export interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

/** `valueOptions` take the next argument (or `--name=value`); other `--x` are flags. */
export function parseArgs(args: readonly string[], valueOptions: readonly string[], flagOptions: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { positional: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      out.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (valueOptions.includes(name)) {
      const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined) throw new CliError(`--${name} needs a value`);
      out.values.set(name, value);
    } else if (flagOptions.includes(name) && eq < 0) {
      out.flags.add(name);
    } else {
      throw new CliError(`unknown option ${arg}`);
    }
  }
  return out;
}

export function numberOption(args: ParsedArgs, name: string, fallback: number): number {
  const raw = args.values.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`--${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return n;
}
