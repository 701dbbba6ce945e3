// Test support for the command line: a real sandbox (API + gateway + agent with real ptys) on
// 127.0.0.1:0, a temp directory on PATH holding a `session-manager-plugin` symlink to
// bin/porthole.js, and child processes that are always killed on cleanup.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Gateway } from '../../main/sandbox/gateway/index.js';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.js';
import { newToken } from '../../main/sandbox/api/sessions.js';
import type { SandboxSessionKind } from '../../main/sandbox/session-registry.js';
import { repoRoot } from '../ssm/conformance.js';

export const CLI_TEST = {
  /** AWS CLI v1 (pip) is the first `aws` on PATH; v2 is Debian's package. */
  AWS_V1: 'aws',
  AWS_V2: '/usr/bin/aws',
  /** Generous: each run starts a Python CLI, a Node plugin and a remote pty shell. */
  PROCESS_TIMEOUT_MS: 120_000,
} as const;

export const ROOT = repoRoot();
export const LAUNCHER = join(ROOT, 'bin', 'porthole.js');

/** Fails (never skips) when the built CLI is missing: the launcher runs dist/, not the sources. */
export function requireBuiltCli(): void {
  if (!existsSync(join(ROOT, 'dist', 'main', 'cli', 'main.js'))) {
    throw new Error('dist/main/cli/main.js is missing: run `npm run build` (npm test does) before these tests');
  }
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout contains `pattern`; rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  done: Promise<RunResult>;
}

export class CliHarness {
  private readonly children = new Set<ChildProcess>();
  readonly binDir: string;

  private constructor(
    readonly sandbox: Sandbox,
    readonly gateway: Gateway,
  ) {
    this.binDir = mkdtempSync(join(tmpdir(), 'porthole-bin-'));
    symlinkSync(resolve(LAUNCHER), join(this.binDir, 'session-manager-plugin'));
  }

  static async start(options: { pacing?: 'faithful' | 'unpaced' } = {}): Promise<CliHarness> {
    requireBuiltCli();
    const sandbox = await startSandbox({ pacing: options.pacing ?? 'unpaced', gateway: { shell: '/bin/sh', shellStartDelayMs: 0 } });
    const gateway = sandbox.gateway;
    if (!gateway) throw new Error('the sandbox started without its message gateway');
    return new CliHarness(sandbox, gateway);
  }

  /** Environment for the AWS CLI and the plugin: sandbox profile files, the symlink first on PATH. */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PATH: `${this.binDir}:${process.env.PATH ?? ''}`,
      AWS_CONFIG_FILE: this.sandbox.configFile,
      AWS_SHARED_CREDENTIALS_FILE: this.sandbox.credentialsFile,
      AWS_PROFILE: this.sandbox.profile,
      AWS_DEFAULT_REGION: this.sandbox.region,
      AWS_PAGER: '',
      ...extra,
    };
  }

  /**
   * Registers a session straight in the sandbox (as StartSession would) for kinds the demo world's
   * documents cannot express, and returns the plugin's 7-argument command line for it.
   */
  addSession(kind: SandboxSessionKind, target = 'i-0a1b2c3d4e5f60001'): { sessionId: string; response: string; args: string[] } {
    const sessionId = `porthole-cli-${process.pid}-${++sessionCounter}`;
    const tokenValue = newToken();
    this.sandbox.registry.add({
      sessionId,
      target,
      documentName: kind.type === 'Port' ? 'AWS-StartSSHSession' : 'SSM-SessionManagerRunShell',
      kind,
      tokenValue,
      tokenExpiresAt: Date.now() + 15 * 60_000,
      workdir: this.binDir,
      agentVersion: '3.3.987.0',
      state: 'Pending',
      createdAt: Date.now(),
    });
    const streamUrl = `${this.sandbox.endpoint.replace('http:', 'ws:')}/v1/data-channel/${sessionId}?role=publish_subscribe`;
    const response = JSON.stringify({ SessionId: sessionId, TokenValue: tokenValue, StreamUrl: streamUrl });
    return { sessionId, response, args: [response, this.sandbox.region, 'StartSession', '', JSON.stringify({ Target: target }), this.sandbox.endpoint] };
  }

  /** `aws --endpoint-url <sandbox> …` (old v2 builds ignore a profile's endpoint_url). */
  awsArgs(args: string[]): string[] {
    return ['--endpoint-url', this.sandbox.endpoint, ...args];
  }

  spawn(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; detached?: boolean } = {}): Running {
    const child = spawn(command, args, { env: options.env ?? this.env(), stdio: ['pipe', 'pipe', 'pipe'], detached: options.detached ?? false });
    this.children.add(child);
    if (options.detached) groupLeaders.add(child);
    let out = '';
    let err = '';
    const waiters: Array<() => void> = [];
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      for (const w of waiters) w();
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    if (options.input !== undefined) child.stdin.end(options.input);
    const done = new Promise<RunResult>((resolveDone) => {
      const timer = setTimeout(() => this.kill(child), CLI_TEST.PROCESS_TIMEOUT_MS);
      child.on('error', (error) => {
        err += `spawn failed: ${error.message}`;
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        this.children.delete(child);
        for (const w of waiters) w();
        resolveDone({ code, signal, stdout: out, stderr: err });
      });
    });
    const waitFor = (pattern: RegExp, timeoutMs = CLI_TEST.PROCESS_TIMEOUT_MS): Promise<RegExpMatchArray> =>
      new Promise((resolveWait, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} in:\n${out}\n${err}`)), timeoutMs);
        const check = (): void => {
          const m = out.match(pattern);
          if (m) {
            clearTimeout(timer);
            resolveWait(m);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            reject(new Error(`process exited before ${pattern}:\n${out}\n${err}`));
          }
        };
        waiters.push(check);
        check();
      });
    return { child, stdout: () => out, stderr: () => err, waitFor, done };
  }

  run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<RunResult> {
    return this.spawn(command, args, { input: '', ...options }).done;
  }

  /** Runs with `input` on stdin and stdout kept as raw bytes (for byte-for-byte comparisons). */
  runBytes(command: string, args: string[], input: Uint8Array, options: { env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
    const child = spawn(command, args, { env: options.env ?? this.env(), stdio: ['pipe', 'pipe', 'pipe'] });
    this.children.add(child);
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdin.on('error', () => undefined); // a child that exits early closes its stdin
    child.stdin.end(input);
    return new Promise((resolveDone) => {
      const timer = setTimeout(() => this.kill(child), CLI_TEST.PROCESS_TIMEOUT_MS);
      child.on('error', (error) => (err += `spawn failed: ${error.message}`));
      child.on('close', (code) => {
        clearTimeout(timer);
        this.children.delete(child);
        resolveDone({ code, stdout: Buffer.concat(out), stderr: err });
      });
    });
  }

  /** Kills a child and, when it leads its own process group, the whole group. */
  kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(groupLeaders.has(child) ? -child.pid : child.pid, signal);
    } catch {
      // already gone
    }
  }

  async stop(): Promise<void> {
    for (const child of this.children) this.kill(child);
    await this.sandbox.stop();
    rmSync(this.binDir, { recursive: true, force: true });
  }
}

let sessionCounter = 0;

/** Children spawned with `detached: true`: their pid is their process group id. */
const groupLeaders = new WeakSet<ChildProcess>();

/** Fails clearly when an AWS CLI binary is missing (CI installs both). */
export async function requireAwsCli(h: CliHarness, command: string): Promise<void> {
  const r = await h.run(command, ['--version']).catch((err: Error) => ({ code: -1, signal: null, stdout: '', stderr: err.message }));
  if (r.code !== 0) throw new Error(`AWS CLI ${command} is not runnable (${r.stderr.trim() || `exit ${r.code}`}); install it (pip install awscli / apt install awscli)`);
}
