// Fuzz target: the smux v1 parser (protocol §8.3) — the frame reader fed in arbitrary chunks,
// and a whole server-side session fed the same bytes. Rejections must be SmuxError; a session
// must end with a SmuxError in 'close', never throw out of receive().
import { encodeFrame, SmuxCmd, SmuxError, SmuxFrameReader, SmuxSession, type SmuxFrame } from '../../../main/ssm/smux/index.js';
import { mutate } from './mutate.js';
import { Rng } from './prng.js';
import { hexPreview, InvariantError, type FuzzTarget, type Outcome } from './types.js';

/** Random streams up to this size: a few frames' worth. */
const MAX_RANDOM_BYTES = 300;
/** Chunks the reader is fed in: the plugin pumps ≤ 1024-byte pieces, so frames split anywhere. */
const MAX_CHUNK = 24;

function seeds(): Uint8Array[] {
  const text = (s: string) => new TextEncoder().encode(s);
  const upd = new Uint8Array(8);
  new DataView(upd.buffer).setUint32(4, 262_144, true);
  const cat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));
  return [
    cat(encodeFrame(SmuxCmd.SYN, 3), encodeFrame(SmuxCmd.PSH, 3, text('GET / HTTP/1.1\r\n\r\n')), encodeFrame(SmuxCmd.FIN, 3)),
    cat(encodeFrame(SmuxCmd.NOP, 0), encodeFrame(SmuxCmd.UPD, 3, upd), encodeFrame(SmuxCmd.PSH, 5, new Uint8Array(700).fill(0x41))),
    cat(encodeFrame(SmuxCmd.SYN, 2), encodeFrame(SmuxCmd.SYN, 4), encodeFrame(SmuxCmd.PSH, 2, text('x')), encodeFrame(SmuxCmd.FIN, 4), encodeFrame(SmuxCmd.PSH, 4, text('late'))),
  ];
}

/** Chunk boundaries derived from the input, so a crash replays from the bytes alone. */
function chunks(input: Uint8Array): Uint8Array[] {
  const rng = new Rng(input.length * 31 + (input[0] ?? 0));
  const out: Uint8Array[] = [];
  for (let at = 0; at < input.length; ) {
    const n = 1 + rng.int(MAX_CHUNK);
    out.push(input.subarray(at, at + n));
    at += n;
  }
  return out;
}

/** True when `a` is a prefix of `b`, frame by frame. */
const prefixOf = (a: SmuxFrame[], b: SmuxFrame[]) =>
  a.length <= b.length && a.every((f, i) => f.cmd === b[i]?.cmd && f.streamId === b[i]?.streamId && Buffer.compare(Buffer.from(f.data), Buffer.from(b[i]?.data ?? [])) === 0);

/**
 * Reads all frames, in one push or chunk by chunk, until a SmuxError. A push that meets a bad
 * header returns the good frames ahead of it and leaves the error in `failure`; a push that
 * meets one first throws it.
 */
function readAll(pieces: Uint8Array[]): { frames: SmuxFrame[]; error: SmuxError | undefined } {
  const reader = new SmuxFrameReader();
  const frames: SmuxFrame[] = [];
  try {
    for (const p of pieces) {
      frames.push(...reader.push(p));
      if (reader.failure) break;
    }
  } catch (error) {
    if (!(error instanceof SmuxError)) throw error;
    if (reader.failure !== error) throw new InvariantError('the reader threw a SmuxError it does not report as its failure');
  }
  return { frames, error: reader.failure };
}

function check(input: Uint8Array): Outcome {
  const whole = readAll([input]);
  const split = readAll(chunks(input));
  // Chunk boundaries must not change what is parsed (§8.3: pieces split and coalesce frames),
  // nor, since good frames ahead of a bad header are kept, what is parsed before an error.
  const consistent = whole.error?.code === split.error?.code && prefixOf(whole.frames, split.frames) && prefixOf(split.frames, whole.frames);
  if (!consistent) {
    throw new InvariantError(`chunking changed the parse: ${whole.frames.length}/${whole.error?.code} whole vs ${split.frames.length}/${split.error?.code} split`);
  }
  let closedWith: unknown = 'open';
  const session = new SmuxSession({ role: 'server', send: () => true, keepAlive: false });
  session.on('close', (error) => (closedWith = error));
  for (const p of chunks(input)) session.receive(p);
  if (closedWith !== 'open' && closedWith !== undefined && !(closedWith instanceof SmuxError)) throw new InvariantError('session closed with an untyped error');
  if (whole.error !== undefined && !(closedWith instanceof SmuxError)) throw new InvariantError(`reader rejected (${whole.error.code}) but the session did not close with a SmuxError`);
  session.close();
  return whole.error === undefined ? 'accepted' : 'rejected';
}

export const smuxTarget: FuzzTarget<Uint8Array> = {
  name: 'smux reader + session',
  seeds: seeds(),
  random: (rng) => rng.bytes(rng.int(MAX_RANDOM_BYTES)),
  mutate: (seed, other, rng) => mutate(seed, other, rng),
  check,
  show: (input) => hexPreview(input),
};
