/**
 * The options of `npm run sandbox` / `porthole sandbox`, parsed from an argument list into either
 * sandbox options or an immediate outcome (help text, or a usage error with exit status 2).
 */
import { parseArgs } from 'node:util';
import type { Pacing } from './index.js';
import { generateWorld } from './world/generate.js';
import { IDLE_SESSION_TIMEOUT_MINUTES, MAX_SESSION_DURATION_MINUTES, type WorldFile } from './world/schema.js';

/** Names both ways in: `porthole sandbox` (the package's command) and, from a checkout, `npm run sandbox --`. */
export const STANDALONE_USAGE = `usage: porthole sandbox [--world FILE | --generate CLUSTERSxTASKS] [--pacing faithful|unpaced] [--port N] [--throttle REQ_PER_SEC] [--max-session-duration MINUTES]\n       (from a checkout: npm run -s sandbox -- with the same options)`;

export interface StandaloneOptions {
  readonly world: WorldFile | string | undefined;
  readonly pacing: Pacing;
  readonly port: number;
  readonly rate: number | undefined;
  /** Session Manager's maximum session duration in every region, minutes (AWS: 1–1440); undefined keeps the world's. */
  readonly maxSessionDuration: number | undefined;
  /** Session Manager's idle session timeout in every region, minutes (AWS: 1–60); undefined keeps the world's (AWS's default 20 where it says none). */
  readonly idleSessionTimeout: number | undefined;
}

/** Either options to run with, or what to print and the status to exit with. */
export type ParsedStandalone = { readonly run: StandaloneOptions } | { readonly exit: number; readonly stdout?: string; readonly stderr?: string };

function usageError(message: string): ParsedStandalone {
  return { exit: 2, stderr: `${message}\n${STANDALONE_USAGE}\n` };
}

export function parseStandaloneArgs(args: readonly string[]): ParsedStandalone {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        world: { type: 'string' },
        generate: { type: 'string' },
        pacing: { type: 'string', default: 'faithful' },
        port: { type: 'string', default: '0' },
        throttle: { type: 'string' },
        'max-session-duration': { type: 'string' },
        'idle-session-timeout': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    return usageError((err as Error).message);
  }
  if (parsed.help) return { exit: 0, stdout: `${STANDALONE_USAGE}\n` };
  const pacing = parsed.pacing;
  if (pacing !== 'faithful' && pacing !== 'unpaced') return usageError(`--pacing must be faithful or unpaced, got "${pacing}"`);
  const port = Number(parsed.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(`--port must be 0-65535, got "${parsed.port}"`);
  const rate = parsed.throttle === undefined ? undefined : Number(parsed.throttle);
  if (rate !== undefined && !(rate > 0)) return usageError('--throttle must be a positive number of requests per second');
  const maxSessionDuration = wholeMinutes(parsed['max-session-duration'], 1, MAX_SESSION_DURATION_MINUTES);
  if (maxSessionDuration === null) return usageError(`--max-session-duration must be whole minutes from 1 to ${MAX_SESSION_DURATION_MINUTES}, got "${parsed['max-session-duration']}"`);
  const { min, max } = IDLE_SESSION_TIMEOUT_MINUTES;
  const idleSessionTimeout = wholeMinutes(parsed['idle-session-timeout'], min, max);
  if (idleSessionTimeout === null) return usageError(`--idle-session-timeout must be whole minutes from ${min} to ${max}, got "${parsed['idle-session-timeout']}"`);
  if (parsed.world && parsed.generate) return usageError('--world and --generate are exclusive');
  let generated: WorldFile | undefined;
  if (parsed.generate !== undefined) {
    const m = /^(\d+)x(\d+)$/.exec(parsed.generate);
    if (!m) return usageError(`--generate must look like 100x5000 (clusters x tasks per cluster), got "${parsed.generate}"`);
    generated = generateWorld({ clusters: Number(m[1]), tasksPerCluster: Number(m[2]) });
  }
  return { run: { world: generated ?? parsed.world, pacing, port, rate, maxSessionDuration, idleSessionTimeout } };
}

/** A preference in whole minutes within AWS's range: undefined when not given, null when out of range or not a whole number. */
function wholeMinutes(text: string | undefined, min: number, max: number): number | undefined | null {
  if (text === undefined) return undefined;
  const minutes = Number(text);
  return /^\d+$/.test(text) && minutes >= min && minutes <= max ? minutes : null;
}
