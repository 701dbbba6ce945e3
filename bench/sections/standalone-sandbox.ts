// The sandbox as its own process (dist/main/sandbox/standalone.js, unpaced), reached only
// through its SSM API, so engine figures count the engine's work and not the emulated agent's.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SSMClient, StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { fromIni } from '@aws-sdk/credential-providers';
import { ssmResumeSession } from '../../main/ssm/connection/resume-ssm.js';
import type { SessionCredentials } from '../../main/ssm/datachannel/types.js';
import type { StartPortSession } from '../../main/sessions/forwards/types.js';

/** The standalone sandbox prints its endpoint within a second; ten is plenty on a loaded machine. */
const START_TIMEOUT_MS = 10_000;
/** The demo world's instance with a current agent (main/sandbox/world/demo-world.json). */
const INSTANCE = 'i-0a1b2c3d4e5f60002';

/** The built sandbox: beside this file under dist/, or in dist/ when a test runs this source (vitest). */
const STANDALONE = fileURLToPath(
  new URL(import.meta.url.includes('/dist/bench/') ? '../../main/sandbox/standalone.js' : '../../dist/main/sandbox/standalone.js', import.meta.url),
);

/**
 * PORTHOLE_BENCH_SANDBOX_NODE_ARGS: extra Node options for the sandbox process, split at spaces,
 * so its side of a two-process path can be profiled like the bench's own: for example
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` (the profile is written when the bench stops it) or
 * `--trace-gc`. NODE_OPTIONS refuses some of these, hence a variable of its own.
 */
function profileArgs(): string[] {
  return (process.env['PORTHOLE_BENCH_SANDBOX_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
}

export interface StandaloneSandbox {
  /** The sandbox process, for its CPU time. */
  readonly pid: number;
  /** StartSession for a shell (no command) or a NonInteractiveCommands session running `command`. */
  start(command?: string): Promise<SessionCredentials>;
  readonly resumeSession: (sessionId: string) => Promise<string | undefined>;
  readonly terminateSession: (sessionId: string) => Promise<void>;
  /** StartSession for a ForwardManager (port documents), through the same SSM API. */
  readonly startPortSession: StartPortSession;
  stop(): Promise<void>;
}

/** `pacing`: unpaced (the engine's own limits) unless a bench compares with the agent's 1 ms per read. */
export async function startStandaloneSandbox(pacing: 'unpaced' | 'faithful' = 'unpaced'): Promise<StandaloneSandbox> {
  const child = spawn(process.execPath, [...profileArgs(), STANDALONE, '--pacing', pacing], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise<{ endpoint: string; region: string; profile: string; configFile: string; credentialsFile: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the standalone sandbox did not start in time')), START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      child.stdout.resume(); // keep draining what a person would read
      try {
        resolve(JSON.parse(line) as { endpoint: string; region: string; profile: string; configFile: string; credentialsFile: string });
      } catch (err) {
        reject(new Error(`the standalone sandbox printed no JSON first line: ${String(err)}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`the standalone sandbox exited with ${code}`)));
  }).catch((err: unknown) => {
    child.kill('SIGKILL');
    throw err;
  });
  // The run's random key, from the credentials file the sandbox wrote (the first line names it).
  const ssm = new SSMClient({
    region: info.region,
    endpoint: info.endpoint,
    credentials: fromIni({ profile: info.profile, filepath: info.credentialsFile, configFilepath: info.configFile }),
  });
  const resumeSession = ssmResumeSession(ssm);
  const terminateSession = async (sessionId: string) => void (await ssm.send(new TerminateSessionCommand({ SessionId: sessionId })));
  return {
    pid: child.pid ?? Number.NaN,
    async start(command) {
      const out = await ssm.send(
        new StartSessionCommand(command === undefined ? { Target: INSTANCE } : { Target: INSTANCE, DocumentName: 'AWS-StartNonInteractiveCommand', Parameters: { command: [command] } }),
      );
      if (!out.SessionId || !out.StreamUrl || !out.TokenValue) throw new Error('StartSession returned no session');
      return { sessionId: out.SessionId, streamUrl: out.StreamUrl, tokenValue: out.TokenValue };
    },
    resumeSession,
    terminateSession,
    async startPortSession(input) {
      const out = await ssm.send(new StartSessionCommand(input));
      if (!out.SessionId || !out.StreamUrl || !out.TokenValue) throw new Error('StartSession returned no session');
      return { credentials: { sessionId: out.SessionId, streamUrl: out.StreamUrl, tokenValue: out.TokenValue }, resumeSession, terminateSession };
    },
    async stop() {
      ssm.destroy();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
