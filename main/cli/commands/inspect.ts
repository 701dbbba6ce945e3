// `porthole inspect FILE`: describes every frame of a capture, byte by byte.
import { parseArgs } from '../args.js';
import { CliError, writeOut, type CliIo } from '../io.js';
import { readInputFile } from '../read-input.js';
import { CaptureDescriber, parseCapture, renderFrame, type InspectOptions } from '../../ssm/inspect/index.js';

export async function inspectCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, [], ['no-hexdump', 'json', 'smux', 'no-smux']);
  const file = parsed.positional[0];
  if (!file || parsed.positional.length > 1) throw new CliError('usage: porthole inspect FILE [--no-hexdump] [--json] [--smux | --no-smux]');
  const text = await readInputFile(file, 'capture');
  // An empty capture is not "0 frames, no problems": nothing was recorded, which is worth saying.
  if (text.trim() === '') throw new CliError(`${file} is empty: no frames were captured`, 1);
  const options: InspectOptions = {};
  if (parsed.flags.has('smux')) options.smux = true;
  if (parsed.flags.has('no-smux')) options.smux = false;
  let records;
  try {
    records = parseCapture(text);
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message}`, 1);
  }
  const describer = new CaptureDescriber(options);
  let problems = 0;
  for (const record of records) {
    const d = describer.describe(record);
    problems += d.problems.length;
    const out = parsed.flags.has('json') ? JSON.stringify(d) + '\n' : renderFrame(d, { hexdump: !parsed.flags.has('no-hexdump') }) + '\n';
    await writeOut(io.stdout, out);
  }
  if (!parsed.flags.has('json')) {
    await writeOut(io.stdout, `${records.length} frames, ${problems === 0 ? 'no problems' : `${problems} problems`}\n`);
  }
  return problems === 0 ? 0 : 1;
}
