// Hooks for bench/ (issue 7 benchmark): throughput and keystroke→echo latency measured through
// the whole engine. Figures only; no assertions here.
import { PayloadType } from './frame/index.js';
import { DataChannel } from './datachannel/data-channel.js';
import type { DataChannelOptions } from './datachannel/types.js';
import { ShellSession, type ShellSessionOptions } from './shell/shell-session.js';

export interface ThroughputResult {
  readonly bytes: number;
  readonly ms: number;
  readonly megabytesPerSecond: number;
}

export interface LatencyResult {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Warm-up keystrokes not counted, so pty and JIT start-up do not skew p99. */
const ECHO_WARMUP = 20;
/** Bytes cycled through as keystrokes: printable, one byte each. */
const ECHO_ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Open a session whose agent streams output and then ends (e.g. NonInteractiveCommands
 * `head -c N /dev/zero`), count PT 1 bytes until channel_closed; time from `ready` (the first
 * output when no handshake) to the last output byte.
 */
export async function measureOutputThroughput(options: DataChannelOptions): Promise<ThroughputResult> {
  const channel = new DataChannel(options);
  let bytes = 0;
  let start = 0;
  let last = 0;
  channel.setHandler({
    deliver: (pt, payload) => {
      if (pt === PayloadType.Output) { bytes += payload.length; last = performance.now(); }
      return 'accepted';
    },
  });
  channel.on('ready', () => (start = performance.now()));
  const closed = new Promise<void>((resolve) => channel.on('closed', () => resolve()));
  await channel.open();
  await closed;
  // From the first to the last output byte: the session's end (ack drain, channel_closed) is excluded.
  const ms = last - start;
  return { bytes, ms, megabytesPerSecond: ms > 0 ? bytes / (1024 * 1024) / (ms / 1000) : 0 };
}

/**
 * Open an interactive shell, switch its pty to raw mode running `cat`, then time single
 * keystrokes until their echo arrives. The session is closed afterwards.
 */
export async function measureEchoLatency(options: ShellSessionOptions, samples: number): Promise<LatencyResult> {
  const session = new ShellSession(options);
  let seen = '';
  let waiter: (() => void) | undefined;
  session.on('output', (b) => { seen += Buffer.from(b).toString('latin1'); waiter?.(); });
  const waitFor = (needle: string) => new Promise<void>((resolve) => {
    const check = () => { if (seen.includes(needle)) { waiter = undefined; resolve(); } };
    waiter = check;
    check();
  });
  await session.open();
  session.write(`stty raw -echo; printf 'CA''T>'; cat\r`);
  await waitFor('CAT>');
  const times: number[] = [];
  for (let i = 0; i < samples + ECHO_WARMUP; i++) {
    seen = '';
    const key = ECHO_ALPHABET[i % ECHO_ALPHABET.length] ?? 'a';
    const t0 = performance.now();
    session.write(key);
    await waitFor(key);
    if (i >= ECHO_WARMUP) times.push(performance.now() - t0);
  }
  await session.terminate();
  times.sort((a, b) => a - b);
  const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { samples: times.length, p50Ms: pick(0.5), p99Ms: pick(0.99) };
}
