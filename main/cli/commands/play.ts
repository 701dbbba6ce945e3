// `porthole play FILE [--speed N] [--idle-limit S]`: replays an asciicast v2 recording.
import { numberOption, parseArgs } from '../args.js';
import { CliError, writeOut, type CliIo } from '../io.js';
import { readInputFile } from '../read-input.js';
import { parseCast, PLAYER, playCast, type Cast } from '../../sessions/recording/index.js';

export async function playCommand(args: readonly string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const parsed = parseArgs(args, ['speed', 'idle-limit'], []);
  const file = parsed.positional[0];
  if (!file || parsed.positional.length > 1) throw new CliError('usage: porthole play FILE [--speed N] [--idle-limit SECONDS]');
  const speed = numberOption(parsed, 'speed', 1);
  const idleLimit = numberOption(parsed, 'idle-limit', PLAYER.DEFAULT_IDLE_LIMIT_S);
  const text = await readInputFile(file, 'recording');
  let cast: Cast;
  try {
    cast = parseCast(text);
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message}`, 1);
  }
  const options = signal ? { speed, idleLimit, signal } : { speed, idleLimit };
  await playCast(cast, (data) => io.stdout.write(data), options);
  await writeOut(io.stdout, ''); // flushed before the process exits
  return 0;
}
