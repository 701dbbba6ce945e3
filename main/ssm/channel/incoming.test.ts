// The out-of-order buffer is bounded in frames, in bytes, and in how far ahead a frame may be:
// anything past a bound is an overflow (dropped unacked, so the peer resends it later).
import { describe, expect, it } from 'vitest';
import { MessageType, PayloadType, decodeFrame, encodeFrame, newMessageId } from '../frame/index.js';
import { INCOMING, IncomingOrder } from './incoming.js';

function frame(seq: number, payloadBytes = 10) {
  const bytes = encodeFrame({ messageType: MessageType.OutputStreamData, sequenceNumber: seq, flags: 0, messageId: newMessageId(), payloadType: PayloadType.Output, payload: new Uint8Array(payloadBytes) });
  return decodeFrame(bytes);
}

describe('IncomingOrder bounds', () => {
  it('delivers in order, buffers the future, and recognises duplicates', () => {
    const order = new IncomingOrder(4);
    expect(order.classify(frame(1)).kind).toBe('buffered');
    expect(order.classify(frame(1)).kind).toBe('buffered-duplicate');
    expect(order.classify(frame(0)).kind).toBe('in-order');
    order.advance();
    expect(order.next()?.sequenceNumber).toBe(1);
    order.advance();
    expect(order.classify(frame(0)).kind).toBe('duplicate');
    expect(order.bufferedCount).toBe(0);
    expect(order.bufferedBytes).toBe(0);
  });

  it('refuses a frame as far ahead as the capacity, even with the buffer empty', () => {
    const order = new IncomingOrder(4);
    expect(order.classify(frame(4)).kind).toBe('overflow');
    expect(order.classify(frame(1_000_000)).kind).toBe('overflow');
    expect(order.classify(frame(3)).kind).toBe('buffered');
    expect(order.bufferedCount).toBe(1);
  });

  it('refuses frames past the byte budget and frees the budget as frames are delivered', () => {
    const big = 64 * 1024;
    const order = new IncomingOrder(1000, 3 * big);
    expect(order.classify(frame(1, big)).kind).toBe('buffered');
    expect(order.classify(frame(2, big)).kind).toBe('buffered');
    expect(order.classify(frame(3, big)).kind).toBe('overflow');
    expect(order.bufferedBytes).toBeGreaterThanOrEqual(2 * big);
    expect(order.classify(frame(0)).kind).toBe('in-order');
    order.advance();
    order.advance(); // delivers the buffered 1
    expect(order.classify(frame(3, big)).kind).toBe('buffered');
    expect(order.bufferedCount).toBe(2);
  });

  it('has a default byte budget that a full buffer of ordinary frames fits in', () => {
    expect(INCOMING.MAX_BUFFERED_BYTES).toBeGreaterThanOrEqual(10_000 * (1024 + 120));
  });
});
