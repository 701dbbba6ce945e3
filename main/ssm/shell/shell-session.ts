// A shell session over the data channel (protocol §7): Standard_Stream, InteractiveCommands and
// NonInteractiveCommands all use it. Output bytes out as events, input in ≤ 1024-byte chunks,
// size on open and on every change, exit code only when the agent sent one (PT 12).
// It either owns its channel (built from DataChannelOptions) or takes over one a caller opened
// already, e.g. the drop-in, which learns the session type only after the handshake (§6.1).
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

interface ShellSettings {
  readonly size: TerminalSize;
  /** ssm:TerminateSession, called by terminate() before the channel is closed locally. */
  readonly terminateSession?: (sessionId: string) => Promise<void>;
}

/**
 * How a shell opens its own channel: output arriving in order is delivered as a view of the
 * received websocket message rather than a copy (DataChannelOptions.lendPayloads). Output is
 * never written to once received, and what a shell keeps of it (scrollback, batches waiting for
 * the renderer, the recorder's queue) is a run of consecutive output, so the socket reads those
 * views share stay alive only as far as that run reaches: its bytes plus the frames' headers
 * (~12 % on 1 KB frames) and at most one partly kept read at each end. The copy was ~10 % of the
 * client's receive path per 1 KB frame, and most of its external memory (slabs) and so its GCs.
 */
export const SHELL_CHANNEL: Pick<DataChannelOptions, 'lendPayloads'> = { lendPayloads: true };

/** A session that opens its own channel. */
export interface ShellSessionOptions extends DataChannelOptions, ShellSettings {}

/**
 * A session on a channel the caller created and opens/opened (before or after `ready`). The
 * shell becomes its handler at once, so it must be attached before the channel's first flush
 * after `ready` (synchronously in a `ready` listener) for the size to go first, as §7.2 wants.
 */
export interface AttachedShellOptions extends ShellSettings {
  readonly channel: DataChannel;
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
  /** Input has gone unanswered this long while connected, null once it no longer is (DataChannelEvents.inputWait). */
  inputWait: [waitingMs: number | null];
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
  private currentSize: TerminalSize;
  private exit: number | undefined;
  private closeReason: CloseReason | undefined;

  private readonly ownsChannel: boolean;

  constructor(private readonly options: ShellSessionOptions | AttachedShellOptions) {
    super();
    this.currentSize = options.size;
    this.ownsChannel = !('channel' in options);
    this.channel = 'channel' in options ? options.channel : new DataChannel({ ...SHELL_CHANNEL, ...options });
    this.channel.on('status', (s, d) => this.emit('status', s, d));
    this.channel.on('ready', (info) => this.emit('ready', info));
    this.channel.on('malformed', (e) => this.emit('malformed', e));
    this.channel.on('warning', (m) => this.emit('warning', m));
    this.channel.on('inputWait', (ms) => this.emit('inputWait', ms));
    this.channel.on('closed', (reason) => { this.closeReason = reason; this.emit('closed', reason); });
    this.channel.setHandler({ deliver: (pt, payload) => this.deliver(pt, payload) });
    // Queued ahead of any input: the size is the first message once the channel is ready.
    this.channel.send(PayloadType.Size, sizePayload(this.currentSize.cols, this.currentSize.rows));
  }

  /** The terminal size last sent to the agent. */
  get size(): TerminalSize {
    return this.currentSize;
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

  /** Connect. Input and resizes before this (or before the channel is ready) are queued. An attached channel is the caller's to open. */
  open(): Promise<void> {
    return this.ownsChannel ? this.channel.open() : Promise.resolve();
  }

  write(data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    if (bytes.length === 0) return;
    this.counters.bytesOut += bytes.length;
    for (const chunk of inputChunks(bytes)) this.channel.send(PayloadType.Output, chunk);
  }

  resize(cols: number, rows: number): void {
    if (cols === this.currentSize.cols && rows === this.currentSize.rows) return;
    this.currentSize = { cols, rows };
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

