// The emulated agent's per-frame protocol work on shell output, in one process and without sockets,
// for `node --cpu-prof` and A/B runs: 1 KB payloads (views of one reused 64 KB read buffer, as the
// sandbox reads command output) through ReliableChannel.send with the agent's unpaced policy —
// frame encoding with its SHA-256, the outgoing buffer — into a FrameBatch over a socket that only
// counts (the gateway's copy into its batch), then the client's acks, laid out in reads as they come
// off the socket, through ReliableChannel.receive. Prints CPU microseconds per frame.
//   node dist/bench/ssm/send-path.js
// CPU time rather than wall time, so a loaded machine moves the figure less.
import { AGENT_POLICY, Reliability, ReliableChannel } from '../../main/ssm/channel/index.js';
import { FrameBatch } from '../../main/ssm/connection/frame-batch.js';
import { encodeAcknowledgeFrame, MessageType, PayloadType } from '../../main/ssm/frame/index.js';
import { cpuMs, framesInReads } from './cpu-pass.js';

export const SEND_PATH = {
  /** Frames per pass: 32 MB of output, the engine bench's run size. */
  FRAMES: 32 * 1024,
  PAYLOAD_BYTES: 1024,
  /** Bytes per simulated file read and per simulated socket read of acks. */
  READ_BYTES: 64 * 1024,
  /** Passes; the median is printed (the first ones warm the JIT). */
  PASSES: 12,
} as const;

const FRAMES_PER_READ = SEND_PATH.READ_BYTES / SEND_PATH.PAYLOAD_BYTES;

/** The client's ack of every sequence number, packed into reads like frames off a socket. */
function acks(): Uint8Array[] {
  return framesInReads(SEND_PATH.FRAMES, SEND_PATH.READ_BYTES, (seq) => {
    const id = `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;
    return encodeAcknowledgeFrame({ acknowledgedMessageType: MessageType.OutputStreamData, acknowledgedMessageId: id, acknowledgedMessageSequenceNumber: seq });
  });
}

function pass(ackFrames: readonly Uint8Array[], read: Uint8Array): number {
  let written = 0;
  const batch = new FrameBatch({ destroyed: false, write: (chunk, done) => ((written += chunk.length), done?.(), true) }, false);
  const channel = new ReliableChannel({
    policy: { ...AGENT_POLICY, fastRetransmitAcks: Reliability.FAST_RETRANSMIT_ACKS, passedResendsPerTick: Reliability.PASSED_RESENDS_PER_TICK },
    verifyDigest: false,
    hooks: { deliver: () => 'accepted' },
  });
  channel.attach({ send: (bytes) => (batch.send(bytes), true) });
  const started = cpuMs();
  for (let sent = 0; sent < SEND_PATH.FRAMES; sent += FRAMES_PER_READ) {
    for (let i = 0; i < FRAMES_PER_READ; i++) channel.send(PayloadType.Output, read.subarray(i * SEND_PATH.PAYLOAD_BYTES, (i + 1) * SEND_PATH.PAYLOAD_BYTES));
    batch.flush();
    for (let i = sent; i < sent + FRAMES_PER_READ; i++) channel.receive(ackFrames[i] as Uint8Array);
  }
  const us = ((cpuMs() - started) * 1000) / SEND_PATH.FRAMES;
  const unacked = channel.unackedFrames;
  channel.close();
  if (unacked !== 0) throw new Error(`${unacked} frames left unacked`);
  if (written < SEND_PATH.FRAMES * SEND_PATH.PAYLOAD_BYTES) throw new Error(`wrote ${written} bytes for ${SEND_PATH.FRAMES} frames`);
  return us;
}

const ackFrames = acks();
const read = new Uint8Array(SEND_PATH.READ_BYTES);
const times = Array.from({ length: SEND_PATH.PASSES }, () => pass(ackFrames, read)).sort((a, b) => a - b);
console.log(`agent send path: ${(times[times.length >> 1] ?? 0).toFixed(3)} us CPU per 1 KB frame (min ${(times[0] ?? 0).toFixed(3)})`);
