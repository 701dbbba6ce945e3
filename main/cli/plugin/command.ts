// `porthole session-manager-plugin …` (or invoked as session-manager-plugin): Porthole's own
// options first (or from the environment, since the AWS CLI passes only the plugin's arguments),
// then exactly the real plugin's command line (§11).
import { PORTHOLE_CLIENT_VERSION } from '../../ssm/version.js';
import { CliError, writeOut, type CliIo } from '../io.js';
import { parsePluginArgs } from './argv.js';
import { PLUGIN_MESSAGES } from './messages.js';
import { runPluginSession, type PluginOptions } from './session.js';

/** Environment equivalents of the options, for runs through `aws ssm start-session`. */
export const PLUGIN_ENV = {
  capture: 'PORTHOLE_CAPTURE',
  captureUnmasked: 'PORTHOLE_CAPTURE_UNMASKED',
  record: 'PORTHOLE_RECORD',
} as const;

function splitOptions(args: readonly string[], env: NodeJS.ProcessEnv): { options: PluginOptions; rest: string[] } {
  const options: PluginOptions = {};
  if (env[PLUGIN_ENV.capture]) options.capture = env[PLUGIN_ENV.capture];
  if (env[PLUGIN_ENV.captureUnmasked] === '1') options.captureUnmasked = true;
  if (env[PLUGIN_ENV.record]) options.record = env[PLUGIN_ENV.record];
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--capture' || arg === '--record') {
      const value = args[++i];
      if (value === undefined) throw new CliError(`${arg} needs a file name`);
      if (arg === '--capture') options.capture = value;
      else options.record = value;
    } else if (arg === '--capture-unmasked') {
      options.captureUnmasked = true;
    } else {
      break;
    }
  }
  return { options, rest: args.slice(i) };
}

export async function pluginCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { options, rest } = splitOptions(args, io.env);
  const invocation = parsePluginArgs(rest, io.env);
  switch (invocation.kind) {
    case 'installed':
      await writeOut(io.stdout, PLUGIN_MESSAGES.installed);
      return 0;
    case 'version':
      await writeOut(io.stdout, `${PORTHOLE_CLIENT_VERSION}\n`);
      return 0;
    case 'unknown-operation':
      await writeOut(io.stdout, PLUGIN_MESSAGES.unknownOperation(invocation.operation));
      return 0;
    case 'invalid-operation':
      await writeOut(io.stdout, PLUGIN_MESSAGES.invalidOperation);
      return 0;
    case 'error':
      await writeOut(io.stdout, PLUGIN_MESSAGES.cannotStart(invocation.message));
      return 0;
    case 'start':
      return runPluginSession(invocation.request, io, options);
  }
}
