// `porthole sandbox [options]`: exactly what `npm run sandbox` runs, in this process. It serves
// in the foreground until Ctrl-C / SIGTERM, then the CLI exits with the status it returns.
import { runStandalone } from '../../sandbox/standalone.js';
import type { CliIo } from '../io.js';

export function sandboxCommand(args: readonly string[], io: CliIo): Promise<number> {
  return runStandalone(args, { stdout: io.stdout, stderr: io.stderr });
}
