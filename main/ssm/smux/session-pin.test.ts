// SMUX.PIN_RATIO: data a stream may hold for a slow reader never pins a buffer much larger than itself.
import { describe, expect, it } from 'vitest';
import { SMUX, SmuxCmd } from './constants.js';
import { encodeFrame } from './frame.js';
import { SmuxSession } from './session.js';
import type { SmuxStream } from './stream.js';

/** A server session fed by hand; the client's SYN opens stream 3 and `stream` is the accepted one. */
function serverWithStream(): { session: SmuxSession; stream: () => SmuxStream } {
  const session = new SmuxSession({ role: 'server', keepAlive: false, send: () => true });
  let accepted: SmuxStream | undefined;
  session.on('stream', (s) => (accepted = s));
  session.receive(encodeFrame(SmuxCmd.SYN, 3));
  return { session, stream: () => accepted! };
}

describe('smux PSH data held by a stream', () => {
  it('copies a small frame read from a large chunk, so the chunk is not pinned while the reader is slow', () => {
    const { session, stream } = serverWithStream();
    // A 1 KB payload-sized view inside a 64 KB buffer (a lent payload of a socket read).
    const big = new Uint8Array(64 * 1024);
    const frame = encodeFrame(SmuxCmd.PSH, 3, new Uint8Array(100).fill(7));
    big.set(frame, 5000);
    session.receive(big.subarray(5000, 5000 + frame.length));
    const held = stream().read() as Buffer;
    expect(Array.from(held)).toEqual(new Array(100).fill(7));
    expect(held.buffer).not.toBe(big.buffer);
    expect(held.buffer.byteLength).toBeLessThan(100 * SMUX.PIN_RATIO);
    // The copy holds: changing the received chunk afterwards changes nothing read.
    big.fill(0);
    expect(held.every((b) => b === 7)).toBe(true);
    session.close();
  });

  it('passes a frame that is most of its buffer through as it is (no copy for joined frames)', () => {
    const { session, stream } = serverWithStream();
    const data = new Uint8Array(4000).fill(9);
    const frame = encodeFrame(SmuxCmd.PSH, 3, data);
    const exact = new Uint8Array(frame.length);
    exact.set(frame);
    session.receive(exact);
    const held = stream().read() as Buffer;
    expect(held.length).toBe(4000);
    expect(held.buffer).toBe(exact.buffer);
    session.close();
  });
});
