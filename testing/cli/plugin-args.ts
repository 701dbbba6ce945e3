// Test support: the AWS CLI's command line for session-manager-plugin, recorded from a real CLI
// run and replayed with a fresh session. A test that needs many plugin runs to cover variation
// (timing, chunking, pacing) runs the CLI once to prove the hand-over and replays the rest straight
// into the drop-in: the same binary the CLI execs, with the arguments it passed, minus a Python
// start per run.
import { Agent } from 'node:http';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SSMClient, StartSessionCommand, type StartSessionCommandInput } from '@aws-sdk/client-ssm';
import type { CliHarness } from './cli-harness.js';

/** The plugin's six arguments as the AWS CLI passes them (awscli/customizations/sessionmanager.py). */
const PLUGIN_ARG_COUNT = 6;
/** The response fields that name one session; the rest of the CLI's response JSON is kept as it was. */
const SESSION_FIELDS = ['SessionId', 'TokenValue', 'StreamUrl'] as const;

/**
 * A `session-manager-plugin` first on PATH that writes its arguments (NUL-separated) to a file,
 * then execs the harness's drop-in with them: same process, same stdio, same arguments.
 */
export class PluginArgsRecorder {
  private readonly dir: string;
  private readonly file: string;
  private ssm: SSMClient | undefined;

  constructor(private readonly h: CliHarness) {
    this.dir = mkdtempSync(join(tmpdir(), 'porthole-argv-'));
    this.file = join(this.dir, 'argv');
    const wrapper = join(this.dir, 'session-manager-plugin');
    const target = join(h.binDir, 'session-manager-plugin');
    writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\0' "$@" > '${this.file}'\nexec '${target}' "$@"\n`);
    chmodSync(wrapper, 0o755);
  }

  /**
   * The harness's environment with the recorder first on PATH, for one CLI run. It forgets the
   * arguments recorded so far: the file outlives each run, so a run that never starts the plugin
   * would otherwise replay the previous run's arguments; now last() says it never started.
   */
  env(): NodeJS.ProcessEnv {
    rmSync(this.file, { force: true });
    const env = this.h.env();
    return { ...env, PATH: `${this.dir}:${env.PATH ?? ''}` };
  }

  /** The arguments of the run env() was last called for; throws when the CLI never started the plugin in it. */
  last(): string[] {
    let raw: string;
    try {
      raw = readFileSync(this.file, 'utf8');
    } catch {
      throw new Error('the AWS CLI never started session-manager-plugin (no arguments were recorded)');
    }
    const args = raw.split('\0').slice(0, -1);
    if (args.length !== PLUGIN_ARG_COUNT || args[2] !== 'StartSession') {
      throw new Error(`unexpected session-manager-plugin arguments from the AWS CLI: ${JSON.stringify(args)}`);
    }
    return args;
  }

  /**
   * `recorded` with a new session in it: StartSession sent with the very parameters the CLI sent
   * (argument 5), and the answer's session fields put in the CLI's response JSON (argument 1).
   * Every other argument is the CLI's, unchanged.
   */
  async replay(recorded: readonly string[]): Promise<string[]> {
    const [response = '', region = '', operation = '', profile = '', parameters = '', endpoint = ''] = recorded;
    const cliResponse = JSON.parse(response) as Record<string, unknown>;
    for (const field of SESSION_FIELDS) {
      if (typeof cliResponse[field] !== 'string') throw new Error(`the AWS CLI's StartSession response has no ${field}: ${response}`);
    }
    this.ssm ??= new SSMClient({
      endpoint,
      region,
      credentials: { accessKeyId: this.h.sandbox.accessKeyId, secretAccessKey: this.h.sandbox.secretAccessKey },
      maxAttempts: 1,
      // A new connection per StartSession, as each one-shot CLI process makes: a kept-alive one
      // can meet the sandbox closing it as idle just as it is reused (ECONNRESET).
      requestHandler: { httpAgent: new Agent({ keepAlive: false }) },
    });
    const fresh = await this.ssm.send(new StartSessionCommand(JSON.parse(parameters) as StartSessionCommandInput));
    const session = Object.fromEntries(SESSION_FIELDS.map((field) => [field, fresh[field]]));
    return [JSON.stringify({ ...cliResponse, ...session }), region, operation, profile, parameters, endpoint];
  }

  remove(): void {
    this.ssm?.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
