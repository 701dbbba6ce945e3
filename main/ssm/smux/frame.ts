/**
 * smux v1 frame codec (protocol §8.3). Fields are little-endian, unlike the outer SSM frame.
 * Layout: version(1) cmd(1) length(uint16 LE) streamId(uint32 LE) data(length).
 */
import { SMUX, SmuxCmd } from './constants.js';
import { SmuxError } from './errors.js';

export interface SmuxFrame {
  readonly cmd: SmuxCmd;
  readonly streamId: number;
  /** PSH data, or UPD's 8-byte body; empty for SYN/FIN/NOP. */
  readonly data: Uint8Array;
}

const EMPTY = new Uint8Array(0);

/** A frame's 8-byte header alone, for data of `length` bytes sent after it (SmuxSessionOptions.sendParts). */
export function encodeHeader(cmd: SmuxCmd, streamId: number, length: number, version: number = SMUX.VERSION): Buffer {
  const out = Buffer.allocUnsafe(SMUX.HEADER_SIZE);
  out[0] = version;
  out[1] = cmd;
  out.writeUInt16LE(length, 2);
  out.writeUInt32LE(streamId >>> 0, 4);
  return out;
}

/** Encodes one frame. Data larger than one frame is the caller's to split (see encodePsh). */
export function encodeFrame(cmd: SmuxCmd, streamId: number, data: Uint8Array = EMPTY, version: number = SMUX.VERSION): Buffer {
  if (data.length > 0xffff) {
    throw new SmuxError('frame-too-large', `smux frame data of ${data.length} bytes exceeds the uint16 length field`);
  }
  const out = Buffer.allocUnsafe(SMUX.HEADER_SIZE + data.length);
  out[0] = version;
  out[1] = cmd;
  out.writeUInt16LE(data.length, 2);
  out.writeUInt32LE(streamId >>> 0, 4);
  out.set(data, SMUX.HEADER_SIZE);
  return out;
}

/** Encodes data for one stream as PSH frames of at most MAX_FRAME_SIZE bytes each. */
export function encodePsh(streamId: number, data: Uint8Array, maxFrame: number = SMUX.MAX_FRAME_SIZE): Buffer[] {
  const frames: Buffer[] = [];
  for (let at = 0; at < data.length; at += maxFrame) {
    frames.push(encodeFrame(SmuxCmd.PSH, streamId, data.subarray(at, Math.min(at + maxFrame, data.length))));
  }
  return frames;
}

/** Checks a header's version and cmd; throws the protocol error smux would kill the session with. */
export function checkHeader(version: number, cmd: number, offset: number): asserts cmd is SmuxCmd {
  if (version !== SMUX.VERSION) {
    throw new SmuxError('bad-version', `smux frame at byte ${offset} has version ${version}, expected ${SMUX.VERSION}`, offset);
  }
  if (cmd > SmuxCmd.UPD) {
    throw new SmuxError('bad-command', `smux frame at byte ${offset} has unknown cmd ${cmd}`, offset);
  }
}
