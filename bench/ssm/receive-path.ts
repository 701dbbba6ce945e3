// The client's per-frame protocol work on shell output, in one process and without sockets, for
// `node --cpu-prof`: 1 KB output_stream_data frames (laid out in 64 KB reads, as they come off
// the socket) through ReliableChannel.receive — header, SHA-256 check, delivery, the ack with its
// SHA-256 — into a transport that only counts. Prints CPU microseconds per frame.
//   node dist/bench/ssm/receive-path.js [--copy]   (--copy: payloads copied, as before SHELL_CHANNEL)
// CPU time rather than wall time, so a loaded machine moves the figure less.
import { CLIENT_POLICY, ReliableChannel } from '../../main/ssm/channel/index.js';
import { encodeFrame, MessageType, PayloadType } from '../../main/ssm/frame/index.js';
import { SHELL_CHANNEL } from '../../main/ssm/shell/shell-session.js';
import { cpuMs, framesInReads } from './cpu-pass.js';

export const RECEIVE_PATH = {
  /** Frames per pass: 32 MB of output, the engine bench's run size. */
  FRAMES: 32 * 1024,
  PAYLOAD_BYTES: 1024,
  /** Bytes per simulated socket read (frames are views into these). */
  READ_BYTES: 64 * 1024,
  /** Passes; the median is printed (the first ones warm the JIT). */
  PASSES: 12,
} as const;

/** Every sequence number's output frame, packed into reads like frames off a socket. */
function frames(): Uint8Array[] {
  const payload = new Uint8Array(RECEIVE_PATH.PAYLOAD_BYTES);
  return framesInReads(RECEIVE_PATH.FRAMES, RECEIVE_PATH.READ_BYTES, (seq) =>
    encodeFrame({ messageType: MessageType.OutputStreamData, sequenceNumber: seq, flags: 0, payloadType: PayloadType.Output, payload }),
  );
}

function pass(all: readonly Uint8Array[], lend: boolean): number {
  let delivered = 0;
  const channel = new ReliableChannel({ policy: CLIENT_POLICY, lendPayloads: lend, hooks: { deliver: (f) => ((delivered += f.payload.length), 'accepted') } });
  channel.attach({ send: () => true });
  const started = cpuMs();
  for (const f of all) channel.receive(f);
  const us = ((cpuMs() - started) * 1000) / all.length;
  channel.close();
  if (delivered !== all.length * RECEIVE_PATH.PAYLOAD_BYTES) throw new Error(`delivered ${delivered} bytes of ${all.length * RECEIVE_PATH.PAYLOAD_BYTES}`);
  return us;
}

const lend = process.argv.includes('--copy') ? false : (SHELL_CHANNEL.lendPayloads ?? false);
const all = frames();
const times = Array.from({ length: RECEIVE_PATH.PASSES }, () => pass(all, lend)).sort((a, b) => a - b);
console.log(`client receive path (${lend ? 'lent' : 'copied'} payloads): ${(times[times.length >> 1] ?? 0).toFixed(3)} us CPU per 1 KB frame (min ${(times[0] ?? 0).toFixed(3)})`);
