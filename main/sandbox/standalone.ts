/**
 * `npm run sandbox` and `porthole sandbox`: the emulated AWS in the foreground. The FIRST line of
 * stdout is one JSON object (endpoint, region, AWS config/credentials paths, profile) for scripts
 * to parse; the rest is for people. Ctrl-C (or SIGTERM, or the caller's abort signal) stops every
 * session and server; `runStandalone` then resolves with the exit status.
 *
 * Importing this module starts nothing. Run as a script (`node dist/main/sandbox/standalone.js`),
 * it calls `runStandalone` with its own arguments and exits with the status.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Writable } from 'node:stream';
import { installSafetyNet } from '../process/index.js';
import { startSandbox, SANDBOX, type Sandbox } from './index.js';
import { parseStandaloneArgs, STANDALONE_USAGE, type StandaloneOptions } from './standalone-options.js';
import { describeConfinement } from './targets/confinement.js';
import { WorldError } from './world/load.js';
import type { SessionPreferencesSpec } from './world/schema.js';

export interface StandaloneIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Stops the sandbox like SIGINT does (in-process callers and tests). */
  readonly signal?: AbortSignal;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function banner(sandbox: Sandbox, pacing: string, maxSessionDuration: number | undefined, idleSessionTimeout: number | undefined): string {
  const { endpoint, region, configFile, credentialsFile, profile } = sandbox;
  return (
    JSON.stringify({ endpoint, region, configFile, credentialsFile, profile }) +
    '\n' +
    `Porthole sandbox listening on ${endpoint} (region ${region}, pacing ${pacing}).\n` +
    `Try: AWS_CONFIG_FILE=${configFile} AWS_SHARED_CREDENTIALS_FILE=${credentialsFile} aws --profile ${profile} ecs list-clusters\n` +
    `(AWS CLI v2 before 2.13 ignores a profile's endpoint_url: add --endpoint-url ${endpoint})\n` +
    `Only requests signed with this run's key (in that credentials file) are served; the /__sandbox/ admin routes need its secret in the X-Porthole-Sandbox-Secret header.\n` +
    `${describeConfinement(sandbox.confinement)}\n` +
    (maxSessionDuration === undefined ? '' : `Session Manager's maximum session duration: ${maxSessionDuration} min; each session StartSession makes ends then, as on AWS.\n`) +
    (idleSessionTimeout === undefined ? '' : `Session Manager's idle session timeout: ${idleSessionTimeout} min; a session StartSession makes ends after that long without input from its client, as on AWS.\n`) +
    `Expired-credentials profile: ${SANDBOX.expiredProfile}. Press Ctrl-C to stop.\n`
  );
}

/** The Session Manager preferences the options set over the world's, or undefined when they set none. */
function sessionPreferences(o: StandaloneOptions): SessionPreferencesSpec | undefined {
  const preferences: SessionPreferencesSpec = {
    ...(o.maxSessionDuration === undefined ? {} : { maxSessionDuration: o.maxSessionDuration }),
    ...(o.idleSessionTimeout === undefined ? {} : { idleSessionTimeout: o.idleSessionTimeout }),
  };
  return Object.keys(preferences).length === 0 ? undefined : preferences;
}

/** Runs the sandbox until stopped; resolves with the exit status (0 stopped, 1 stop failed, 2 usage). */
export async function runStandalone(args: readonly string[], io: StandaloneIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const parsed = parseStandaloneArgs(args);
  if ('exit' in parsed) {
    if (parsed.stdout) io.stdout.write(parsed.stdout);
    if (parsed.stderr) io.stderr.write(parsed.stderr);
    return parsed.exit;
  }
  const o = parsed.run;
  const preferences = sessionPreferences(o);
  // Stop requests are honoured from the start, so a Ctrl-C during start-up still stops cleanly.
  let requestStop!: () => void;
  const stopRequested = new Promise<void>((resolve) => (requestStop = resolve));
  for (const s of STOP_SIGNALS) process.on(s, requestStop);
  io.signal?.addEventListener('abort', requestStop);
  try {
    let sandbox: Sandbox;
    try {
      sandbox = await startSandbox({
        ...(o.world ? { world: o.world } : {}),
        ...(preferences === undefined ? {} : { sessionPreferences: preferences }),
        pacing: o.pacing,
        port: o.port,
        ...(o.rate ? { throttle: { ratePerSecond: o.rate } } : {}),
      });
    } catch (err) {
      const message = err instanceof WorldError ? err.message : `cannot start the sandbox: ${(err as Error).message}`;
      io.stderr.write(`${message}\n${STANDALONE_USAGE}\n`);
      return 2;
    }
    if (!io.signal?.aborted) io.stdout.write(banner(sandbox, o.pacing, o.maxSessionDuration, o.idleSessionTimeout));
    await stopRequested;
    try {
      await sandbox.stop();
      return 0;
    } catch (err) {
      io.stderr.write(`error while stopping: ${(err as Error).message}\n`);
      return 1;
    }
  } finally {
    for (const s of STOP_SIGNALS) process.off(s, requestStop);
    io.signal?.removeEventListener('abort', requestStop);
  }
}

/** True when node was started with this file as its script (ESM has no `require.main`). */
function isEntryScript(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryScript()) {
  // A bug that throws is logged; the sandbox and its other sessions keep serving.
  installSafetyNet({ name: 'sandbox' });
  void runStandalone(process.argv.slice(2)).then((status) => process.exit(status));
}
