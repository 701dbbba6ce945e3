// Hooks for bench/ (issue 7 benchmark): throughput and keystroke→echo latency measured through
// the whole engine. Figures only; no assertions here.
import { PayloadType } from '../../main/ssm/frame/index.js';
import { DataChannel } from '../../main/ssm/datachannel/data-channel.js';
import type { DataChannelOptions } from '../../main/ssm/datachannel/types.js';
import { SHELL_CHANNEL, ShellSession, type ShellSessionOptions } from '../../main/ssm/shell/shell-session.js';
import { EchoTimer, measureEcho, type EchoTarget, type LatencyResult } from './bench-echo.js';

export { EchoTimer, measureEcho, quantile, type EchoTarget, type LatencyResult } from './bench-echo.js';

export interface ThroughputResult {
  readonly bytes: number;
  /** From `ready` to the last output byte, and the rate over it. */
  readonly ms: number;
  readonly megabytesPerSecond: number;
  /**
   * From `ready` to the first output byte: the agent's start-up before any output flows. A
   * NonInteractiveCommands session has its handshake first, then the command runs to its end
   * writing to a file, and only then is its output streamed (§7.3), so this is spawning the command
   * and `head` writing every byte to that file — the sandbox's work, not the engine's.
   */
  readonly waitMs: number;
  /** From the first to the last output byte: the output streaming through the engine. */
  readonly streamMs: number;
  /** The bytes after the first message over `streamMs`: the rate at which output flows. */
  readonly streamMegabytesPerSecond: number;
}

/** Typed into the session's shell: raw mode, no echo by the tty, then `cat` echoes each byte once. */
export const RAW_CAT_COMMAND = `stty raw -echo; printf 'CA''T>'; cat\r`;
/** What RAW_CAT_COMMAND prints once `cat` is about to run (split in the command so its echo does not match). */
export const RAW_CAT_READY = 'CAT>';

/**
 * Open a session whose agent streams output and then ends (e.g. NonInteractiveCommands
 * `head -c N /dev/zero`), count PT 1 bytes until channel_closed; time from `ready` (the first
 * output when no handshake) to the last output byte, and from the first output byte to the last.
 */
export async function measureOutputThroughput(options: DataChannelOptions): Promise<ThroughputResult> {
  // Opened as a ShellSession opens its own (NonInteractiveCommands output is a shell's output).
  const channel = new DataChannel({ ...SHELL_CHANNEL, ...options });
  let bytes = 0;
  let start = 0;
  let first = 0;
  let firstBytes = 0;
  let last = 0;
  channel.setHandler({
    deliver: (pt, payload) => {
      if (pt !== PayloadType.Output) return 'accepted';
      last = performance.now();
      if (bytes === 0) { first = last; firstBytes = payload.length; }
      bytes += payload.length;
      return 'accepted';
    },
  });
  channel.on('ready', () => (start = performance.now()));
  const closed = new Promise<void>((resolve) => channel.on('closed', () => resolve()));
  await channel.open();
  await closed;
  // Up to the last output byte: the session's end (ack drain, channel_closed) is excluded.
  const ms = last - start;
  const streamMs = last - first;
  return {
    bytes,
    ms,
    megabytesPerSecond: rate(bytes, ms),
    waitMs: first - start,
    streamMs,
    // The first message's bytes arrived at `first`: only what came after it took streamMs.
    streamMegabytesPerSecond: rate(bytes - firstBytes, streamMs),
  };
}

function rate(bytes: number, ms: number): number {
  return ms > 0 ? bytes / (1024 * 1024) / (ms / 1000) : 0;
}

/**
 * An interactive shell through the engine with its pty in raw mode running `cat`, ready for
 * keystrokes; close() terminates the session.
 */
export async function openEngineEcho(options: ShellSessionOptions): Promise<EchoTimer> {
  const session = new ShellSession(options);
  const target: EchoTarget = {
    send: (key) => session.write(key),
    onText: (listener) => void session.on('output', (bytes) => listener(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'))),
    close: () => session.terminate(),
  };
  const timer = new EchoTimer(target);
  try {
    await session.open();
    session.write(RAW_CAT_COMMAND);
    await timer.waitForText(RAW_CAT_READY);
  } catch (error) {
    await session.terminate();
    throw error;
  }
  return timer;
}

/** Open an engine echo session, time `samples` keystrokes after a warm-up, close it. */
export function measureEchoLatency(options: ShellSessionOptions, samples: number): Promise<LatencyResult> {
  return measureEcho(() => openEngineEcho(options), samples);
}
