/**
 * NonInteractiveCommands (§7.3): the command runs without a pty. With `separateOutputStream`
 * stdout goes out as PT 1 and stderr as PT 11 while it runs, then PT 12 `EXIT_CODE: n` — the
 * only session type that ever reports an exit code. Without it, stdout+stderr go to one file
 * (CombinedOutputFile) that is streamed as PT 1 after the command exits. Input is only scanned for
 * Ctrl-C / Ctrl-\ (SIGINT / SIGQUIT); Size is ignored.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import { constants as osConstants } from 'node:os';
import { PayloadType } from '../../ssm/frame/index.js';
import { CombinedOutputFile } from './combined-output.js';
import { OutputPump } from './output-pump.js';
import { targetProcess, UNCONFINED, type Confinement } from '../targets/confinement.js';
import type { AgentPlugin, InputResult, PluginHost } from './plugin.js';

export interface CommandPluginOptions {
  command: string;
  separateOutputStream: boolean;
  workdir: string;
  /** How the command runs (default unconfined); either way in `workdir`, HOME there, environment scrubbed. */
  confinement?: Confinement;
  /** The target's name (hostname when confined); default the workdir's name. */
  targetName?: string;
}

/** Control bytes the agent turns into signals for a pty-less command (§7.3). */
const SIGNAL_BYTES: ReadonlyMap<number, NodeJS.Signals> = new Map([
  [0x03, 'SIGINT'],
  [0x1c, 'SIGQUIT'],
]);
/** Shell convention for "killed by signal N". */
const SIGNAL_EXIT_BASE = 128;

export class CommandPlugin implements AgentPlugin {
  private child: ChildProcess | undefined;
  private readonly pump: OutputPump;
  /** Set while the command runs without separate streams, until its output has been sent. */
  private combined: CombinedOutputFile | undefined;
  private stopped = false;

  constructor(
    private readonly host: PluginHost,
    private readonly options: CommandPluginOptions,
  ) {
    this.pump = new OutputPump(host, host.pacing, true);
    this.pump.on('drain', () => this.setReading(true));
    // Every chunk of the last file read is in a frame (a copy): the read buffer is free again.
    this.pump.on('idle', () => this.combined?.resume());
  }

  start(): void {
    try {
      mkdirSync(this.options.workdir, { recursive: true });
      if (!this.options.separateOutputStream) this.combined = new CombinedOutputFile();
      const out = this.combined ? this.combined.writeFd : 'pipe';
      const { workdir } = this.options;
      const run = targetProcess({ workdir, name: this.options.targetName ?? basename(workdir), confinement: this.options.confinement ?? UNCONFINED }, '/bin/sh', ['-c', this.options.command]);
      this.child = spawn(run.file, run.args, {
        cwd: run.cwd,
        env: { ...run.env, LANG: run.env['LANG'] ?? 'C.UTF-8' },
        stdio: ['ignore', out, out],
      });
    } catch (error) {
      this.combined?.dispose();
      this.combined = undefined;
      this.host.finish(`Failed to run the command: ${error instanceof Error ? error.message : String(error)}`);
      return;
    } finally {
      // The child holds its own copy of the file from here on.
      this.combined?.releaseWriteFd();
    }
    const child = this.child;
    child.stdout?.on('data', (d: Buffer) => this.output(d, PayloadType.Output));
    child.stderr?.on('data', (d: Buffer) => this.output(d, PayloadType.StdErr));
    child.on('error', (err) => {
      if (!this.stopped) this.host.finish(`Failed to run the command: ${err.message}`);
    });
    // 'close' (not 'exit'): both pipes are fully read by then.
    child.on('close', (code, signal) => void this.closed(code, signal));
    this.host.ready();
  }

  input(payloadType: number, payload: Uint8Array): InputResult {
    if (!this.child) return 'not-ready';
    if (payloadType !== PayloadType.Output) return 'ok';
    for (const byte of payload) {
      const signal = SIGNAL_BYTES.get(byte);
      if (signal) this.child.kill(signal);
    }
    return 'ok';
  }

  activeChanged(): void {
    this.pump.activeChanged();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.pump.close();
    this.combined?.dispose();
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  private output(data: Buffer, payloadType: number): void {
    if (!this.pump.write(data, payloadType)) this.setReading(false);
  }

  private setReading(on: boolean): void {
    for (const s of [this.child?.stdout, this.child?.stderr]) {
      if (!s) continue;
      if (on) s.resume();
      else s.pause();
    }
  }

  private async closed(code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    if (this.stopped) return;
    if (this.combined) {
      await this.combined.stream((chunk) => {
        this.pump.write(chunk, PayloadType.Output);
        return this.pump.pendingBytes === 0;
      });
      if (this.stopped) return;
      this.combined.dispose();
    }
    await this.pump.flush();
    if (this.options.separateOutputStream) {
      const status = code ?? SIGNAL_EXIT_BASE + (signal ? (osConstants.signals[signal] ?? 0) : 0);
      this.host.send(PayloadType.ExitCode, new TextEncoder().encode(`EXIT_CODE: ${status}`));
    }
    if (!this.stopped) this.host.finish('');
  }
}
