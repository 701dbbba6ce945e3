/**
 * Standard_Stream and InteractiveCommands (§7.3): a real pty running the user's shell (or the
 * command) in the target's working directory. Output starts after the agent's 1 s wait and
 * goes out in ≤ 1024-byte UTF-8-safe chunks; PT 1 input is written to the pty, PT 3 resizes it.
 * These session types never send an exit code: the session just ends (§16), once the pty has
 * been read to its end (pty-read-side.ts) and all of that output sent — never on a timer.
 */
import { mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import * as pty from 'node-pty';
import { PayloadType, parseObject } from '../../ssm/frame/index.js';
import { AGENT } from './constants.js';
import { OutputPump } from './output-pump.js';
import { targetProcess, UNCONFINED, type Confinement } from '../targets/confinement.js';
import type { AgentPlugin, InputResult, PluginHost } from './plugin.js';
import { PtyOutput } from './pty-read-side.js';
import { PtyInput } from './pty-write-side.js';

export interface ShellPluginOptions {
  /** Shell for Standard_Stream (`$SHELL`, else /bin/sh). */
  shell: string;
  /** InteractiveCommands: run this through `/bin/sh -c` instead of an interactive shell. */
  command?: string;
  workdir: string;
  /** How the shell runs (default unconfined); either way in `workdir`, HOME there, environment scrubbed. */
  confinement?: Confinement;
  /** The target's name (hostname when confined); default the workdir's name. */
  targetName?: string;
  /** Extra wait before the pty exists (tests of the "not ready" window; 0 in normal use). */
  startDelayMs: number;
  /** How long the pump holds the shell's first output; default AGENT.SHELL_FIRST_OUTPUT_DELAY_MS (the real agent's 1 s, §7.3). */
  firstOutputDelayMs?: number;
}

/** Largest terminal dimension the pty takes (the agent converts to uint16, §7.3). */
const MAX_DIMENSION = 0xffff;

/** Whether the process still exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class ShellPlugin implements AgentPlugin {
  private term: pty.IPty | undefined;
  private output: PtyOutput | undefined;
  /** Input to the pty: never written once it closes (pty-write-side.ts). */
  private writer: PtyInput | undefined;
  private readonly pump: OutputPump;
  private cols: number = AGENT.DEFAULT_COLS;
  private rows: number = AGENT.DEFAULT_ROWS;
  private sourcePaused = false;
  private stopped = false;
  /** Set once the pty has been read to its end: its process is gone, input has nowhere to go. */
  private ptyEnded = false;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly host: PluginHost,
    private readonly options: ShellPluginOptions,
  ) {
    const highWater = host.pacing === 'faithful' ? AGENT.FAITHFUL_SHELL_PUMP_HIGH_WATER_BYTES : AGENT.SHELL_PUMP_HIGH_WATER_BYTES;
    this.pump = new OutputPump(host, host.pacing, true, highWater);
    this.pump.on('drain', () => this.updateFlow());
  }

  /** True while the pty is not being read (the pump is full). */
  get readingPaused(): boolean {
    return this.sourcePaused;
  }

  /** The pty's process, once spawned. */
  get pid(): number | undefined {
    return this.term?.pid;
  }

  start(): void {
    if (this.options.startDelayMs > 0) this.timers.push(setTimeout(() => this.spawn(), this.options.startDelayMs));
    else this.spawn();
  }

  input(payloadType: number, payload: Uint8Array): InputResult {
    if (!this.term || !this.writer) return 'not-ready';
    // The session is ending; late input is dropped, as on the agent (the writer drops it too once
    // the pty closes, pty-write-side.ts).
    if (this.ptyEnded || this.stopped || !alive(this.term.pid)) return 'ok';
    try {
      if (payloadType === PayloadType.Output) this.writer.write(payload);
      else if (payloadType === PayloadType.Size) this.resize(payload);
    } catch {
      // The pty is going away (its exit ends the session); the input is simply lost, as on the agent.
    }
    return 'ok';
  }

  activeChanged(): void {
    this.pump.activeChanged();
    this.updateFlow();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.pump.close();
    this.writer?.close(); // before the master closes: no write may land on its descriptor afterwards
    try {
      // Closes the master (it is no longer closed for us on exit), then SIGHUPs the process.
      this.output?.destroy();
    } catch {
      // Already gone: nothing to kill.
    }
  }

  private spawn(): void {
    if (this.stopped) return;
    const { command, shell, workdir } = this.options;
    try {
      mkdirSync(workdir, { recursive: true });
      const [file, args] = command === undefined ? [shell, []] : ['/bin/sh', ['-c', command]];
      const run = targetProcess({ workdir, name: this.options.targetName ?? basename(workdir), confinement: this.options.confinement ?? UNCONFINED, tty: true }, file, args);
      this.term = pty.spawn(run.file, run.args, {
        name: 'xterm-256color',
        cols: this.cols,
        rows: this.rows,
        cwd: run.cwd,
        env: { ...run.env, TERM: 'xterm-256color', LANG: run.env['LANG'] ?? 'C.UTF-8' },
        encoding: null,
      });
    } catch (error) {
      this.host.finish(`Failed to start the shell: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const term = this.term;
    // node-pty rethrows socket errors other than EIO unless someone else listens: an odd pty
    // error must end this session, never the whole sandbox.
    (term as unknown as { on(event: 'error', listener: (err: Error) => void): void }).on('error', () => undefined);
    // The agent's pump sleeps 1 s before its first read (§7.3); here the pty is read meanwhile
    // (up to the pump's high-water mark) and the pump holds the output.
    this.pump.hold();
    try {
      this.writer = new PtyInput(term);
      this.output = new PtyOutput(term, {
        data: (data) => {
          if (!this.pump.write(data, PayloadType.Output)) this.updateFlow();
        },
        end: () => {
          this.ptyEnded = true;
          this.writer?.close();
          void this.exited();
        },
      });
    } catch (error) {
      term.kill();
      this.host.finish(`Failed to start the shell: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.host.ready();
    this.timers.push(
      setTimeout(() => this.pump.open(), this.options.firstOutputDelayMs ?? AGENT.SHELL_FIRST_OUTPUT_DELAY_MS),
    );
  }

  /**
   * Reads the pty only while the pump has room: a paused channel fills the pump, which then
   * stops the pty, so a flood blocks the program instead of growing memory. What the program
   * wrote stays in the kernel until read, even after it exits (the master is kept open).
   */
  private updateFlow(): void {
    const term = this.term;
    if (!term || this.stopped || this.ptyEnded) return;
    const want = this.pump.hasRoom;
    if (want && this.sourcePaused) term.resume();
    if (!want && !this.sourcePaused) term.pause();
    this.sourcePaused = !want;
  }

  private async exited(): Promise<void> {
    if (this.stopped) return;
    await this.pump.flush();
    if (!this.stopped) this.host.finish('');
  }

  private resize(payload: Uint8Array): void {
    let size: Record<string, unknown>;
    try {
      size = parseObject(payload);
    } catch {
      return; // The agent logs and ignores a malformed size.
    }
    const cols = size['cols'];
    const rows = size['rows'];
    if (typeof cols !== 'number' || typeof rows !== 'number' || cols < 1 || rows < 1) return;
    this.cols = Math.min(Math.floor(cols), MAX_DIMENSION);
    this.rows = Math.min(Math.floor(rows), MAX_DIMENSION);
    this.term?.resize(this.cols, this.rows);
  }
}
