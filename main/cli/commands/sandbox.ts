// `porthole sandbox [options]`: exactly what `npm run sandbox` runs, in this process. It serves
// in the foreground until Ctrl-C / SIGTERM, then the CLI exits with the status it returns.
import { installSafetyNet } from '../../process/index.js';
import { runStandalone } from '../../sandbox/standalone.js';
import type { CliIo } from '../io.js';

export async function sandboxCommand(args: readonly string[], io: CliIo): Promise<number> {
  // Long-running like the hosts: a bug that throws is logged and the other sessions keep serving.
  const removeSafetyNet = installSafetyNet({ name: 'sandbox', log: (line) => void io.stderr.write(`${line}\n`) });
  try {
    return await runStandalone(args, { stdout: io.stdout, stderr: io.stderr });
  } finally {
    removeSafetyNet();
  }
}
