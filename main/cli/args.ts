// Option parsing for the porthole subcommands: node:util parseArgs (strict), with its answer
// reshaped for the commands (positionals, the flags given, the values given) and its refusals
// turned into CliError so they reach the user as one plain line and exit status 2.
import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './io.js';

export interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

/** `valueOptions` take the next argument (or `--name=value`); `flagOptions` are flags. Anything else is refused. */
export function parseArgs(args: readonly string[], valueOptions: readonly string[], flagOptions: readonly string[]): ParsedArgs {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const name of valueOptions) options[name] = { type: 'string' };
  for (const name of flagOptions) options[name] = { type: 'boolean' };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseNodeArgs({ args: [...args], options, strict: true, allowPositionals: true }) as typeof parsed;
  } catch (err) {
    throw new CliError(plainRefusal(err, args));
  }
  const out: ParsedArgs = { positional: parsed.positionals, flags: new Set(), values: new Map() };
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === 'string') out.values.set(name, value);
    else if (value === true) out.flags.add(name);
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

/** node:util's refusals, some of them several lines of advice, as one plain line. */
function plainRefusal(err: unknown, args: readonly string[]): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown }).code;
  const option = /'(--?[^' ]+)/.exec(message)?.[1];
  if (option === undefined) return message.split('\n')[0] ?? message;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option} (see porthole --help; a file name starting with - goes after --)`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /ambiguous/.test(message)) {
    const next = args[args.indexOf(option) + 1] ?? '';
    return `${option} needs a value, and ${JSON.stringify(next)} after it looks like an option; write ${option}=${next} to give it as the value`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /missing/.test(message)) return `${option} needs a value`;
  return message.split('\n')[0] ?? message;
}
