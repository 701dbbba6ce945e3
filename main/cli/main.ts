// The `porthole` command: dispatches to a subcommand, or runs as session-manager-plugin when
// invoked under that name (a symlink on PATH, so the AWS CLI finds it).
import { basename } from 'node:path';
import { HELP, versionText } from './help.js';
import { CliError, processIo, writeOut, type CliIo } from './io.js';

// Each command is imported only when invoked: the drop-in (run by the AWS CLI and ssh on every
// session) must not pay for loading the sandbox, the inspector or recording playback.
const pluginCommand = async (args: readonly string[], io: CliIo): Promise<number> => (await import('./plugin/command.js')).pluginCommand(args, io);
const cpCommand = async (args: readonly string[], io: CliIo): Promise<number> => (await import('./commands/cp.js')).cpCommand(args, io);
const inspectCommand = async (args: readonly string[], io: CliIo): Promise<number> => (await import('./commands/inspect.js')).inspectCommand(args, io);
const playCommand = async (args: readonly string[], io: CliIo): Promise<number> => (await import('./commands/play.js')).playCommand(args, io);
const sandboxCommand = async (args: readonly string[], io: CliIo): Promise<number> => (await import('./commands/sandbox.js')).sandboxCommand(args, io);

/** The names under which porthole behaves as the plugin (argv[1]'s basename). */
const PLUGIN_NAMES: ReadonlySet<string> = new Set(['session-manager-plugin', 'session-manager-plugin.js', 'session-manager-plugin.exe']);

/** Status of a failure that is not a usage error (a file, the network, a bug). */
const FAILED_STATUS = 1;

/**
 * Runs the CLI for `argv` (process.argv shape) and returns the exit status. Every error, under
 * any name, ends as one line on stderr and a non-zero status — never a stack trace.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const invokedAs = basename(argv[1] ?? '');
  const args = argv.slice(2);
  const [command, ...rest] = args;
  try {
    if (PLUGIN_NAMES.has(invokedAs)) return await pluginCommand(args, io);
    switch (command) {
      case 'session-manager-plugin':
        return await pluginCommand(rest, io);
      case 'cp':
        return await cpCommand(rest, io);
      case 'inspect':
        return await inspectCommand(rest, io);
      case 'play':
        return await playCommand(rest, io);
      case 'sandbox':
        return await sandboxCommand(rest, io);
      case '--version':
      case '-v':
      case 'version':
        await writeOut(io.stdout, versionText());
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        await writeOut(io.stdout, HELP);
        return 0;
      default:
        throw new CliError(`unknown command ${JSON.stringify(command)}; see porthole --help`);
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await writeOut(io.stderr, `porthole: ${message.split('\n')[0] ?? message}\n`);
    return err instanceof CliError ? err.exitCode : FAILED_STATUS;
  }
}

/**
 * Entry point used by bin/porthole.js. Output is flushed before a command returns, so the process
 * exits at once with its status (as the plugin does on channel_closed) even if a library left a
 * timer or socket behind. `porthole sandbox` returns only once Ctrl-C / SIGTERM has stopped it.
 */
export async function run(): Promise<void> {
  const status = await main(process.argv, processIo());
  process.exit(status);
}
