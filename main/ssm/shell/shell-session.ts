// A shell session over the data channel (protocol §7): Standard_Stream, InteractiveCommands and
// NonInteractiveCommands all use it. Output bytes out as events, input in ≤ 1024-byte chunks,
// size on open and on every change, exit code only when the agent sent one (PT 12).
import { PayloadType } from '../frame/index.js';
import { DataChannel } from '../datachannel/data-channel.js';
import type { ChannelStatus, CloseReason, DataChannelOptions, SessionInfo } from '../datachannel/types.js';
import type { FrameError } from '../frame/index.js';
import { Emitter } from '../util/emitter.js';
import { inputChunks, parseExitCode, sizePayload } from './input.js';

export interface TerminalSize {
  readonly cols: number;
  readonly rows: number;
}

export interface ShellSessionOptions extends DataChannelOptions {
  readonly size: TerminalSize;
  /** ssm:TerminateSession, called by terminate() before the channel is closed locally. */
  readonly terminateSession?: (sessionId: string) => Promise<void>;
}

export interface ShellSessionEvents {
  output: [bytes: Uint8Array, stream: 'stdout' | 'stderr'];
  status: [status: ChannelStatus, detail: string];
  ready: [info: SessionInfo];
  /** Only when the agent sent PT 12 (NonInteractiveCommands with separate streams). */
  exit: [code: number];
  closed: [reason: CloseReason];
  malformed: [error: FrameError];
  warning: [message: string];
}

export interface ShellCounters {
  /** Output payload bytes received (stdout + stderr, after decryption). */
  bytesIn: number;
  /** Input bytes written by the user (before chunking/encryption). */
  bytesOut: number;
}

export class ShellSession extends Emitter<ShellSessionEvents> {
  readonly counters: ShellCounters = { bytesIn: 0, bytesOut: 0 };
  private readonly channel: DataChannel;
  private size: TerminalSize;
  private exit: number | undefined;
  private closeReason: CloseReason | undefined;

  constructor(private readonly options: ShellSessionOptions) {
    super();
    this.size = options.size;
    this.channel = new DataChannel(options);
    this.channel.on('status', (s, d) => this.emit('status', s, d));
    this.channel.on('ready', (info) => this.emit('ready', info));
    this.channel.on('malformed', (e) => this.emit('malformed', e));
    this.channel.on('warning', (m) => this.emit('warning', m));
    this.channel.on('closed', (reason) => { this.closeReason = reason; this.emit('closed', reason); });
    this.channel.setHandler({ deliver: (pt, payload) => this.deliver(pt, payload) });
    // Queued ahead of any input: the size is the first message once the channel is ready.
    this.channel.send(PayloadType.Size, sizePayload(this.size.cols, this.size.rows));
  }

  get sessionId(): string {
    return this.channel.sessionId;
  }

  get status(): ChannelStatus {
    return this.channel.status;
  }

  get info(): SessionInfo | undefined {
    return this.channel.sessionInfo;
  }

  /** The remote exit code, only if the protocol carried one. */
  get exitCode(): number | undefined {
    return this.exit;
  }

  get closedBecause(): CloseReason | undefined {
    return this.closeReason;
  }

  /** Reliability counters of the underlying channel. */
  get channelStats(): DataChannel['stats'] {
    return this.channel.stats;
  }

  /** Input accepted but not yet acknowledged by the agent (frames). */
  get pendingInput(): number {
    return this.channel.pendingInput;
  }

  /** Connect. Input and resizes before this (or before the channel is ready) are queued. */
  open(): Promise<void> {
    return this.channel.open();
  }

  write(data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    if (bytes.length === 0) return;
    this.counters.bytesOut += bytes.length;
    for (const chunk of inputChunks(bytes)) this.channel.send(PayloadType.Output, chunk);
  }

  resize(cols: number, rows: number): void {
    if (cols === this.size.cols && rows === this.size.rows) return;
    this.size = { cols, rows };
    this.channel.send(PayloadType.Size, sizePayload(cols, rows));
  }

  /** Renderer flow control: stop/start reading the websocket (aesthetics practice 4). */
  pause(): void {
    this.channel.pauseReading();
  }

  resume(): void {
    this.channel.resumeReading();
  }

  /** End the session: TerminateSession API when available, then close locally. */
  async terminate(): Promise<void> {
    if (this.channel.status === 'closed') return;
    let message = 'terminated by the user';
    if (this.options.terminateSession) {
      try {
        await this.options.terminateSession(this.sessionId);
      } catch (error) {
        message += ` (TerminateSession failed: ${error instanceof Error ? error.message : String(error)})`;
      }
    }
    this.channel.close({ kind: 'local', message });
  }

  /** Tests and diagnostics: kill the websocket as a network failure would. */
  dropConnection(): void {
    this.channel.dropConnection();
  }

  private deliver(payloadType: number, payload: Uint8Array): 'accepted' {
    switch (payloadType) {
      case PayloadType.Output:
        this.counters.bytesIn += payload.length;
        this.emit('output', payload, 'stdout');
        break;
      case PayloadType.StdErr:
        this.counters.bytesIn += payload.length;
        this.emit('output', payload, 'stderr');
        break;
      case PayloadType.ExitCode: {
        const code = parseExitCode(payload);
        if (code !== undefined) {
          this.exit = code;
          this.emit('exit', code);
        }
        break;
      }
    }
    return 'accepted';
  }
}

