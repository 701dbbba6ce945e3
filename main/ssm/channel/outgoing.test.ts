import { describe, expect, it } from 'vitest';
import { OutgoingBuffer, type OutgoingEntry } from './outgoing.js';

const entry = (seq: number): OutgoingEntry => ({ seq, bytes: new Uint8Array(seq % 7), payloadStart: 0, lastSentAt: undefined });

describe('OutgoingBuffer.oldest', () => {
  it('is the lowest unacked sequence number through in-order, out-of-order and skipped acks', () => {
    const b = new OutgoingBuffer(100);
    expect(b.oldest()).toBeUndefined();
    for (const seq of [0, 1, 2, 3, 5, 6]) b.add(entry(seq)); // 4 never held (a full buffer drops it)
    expect(b.oldest()?.seq).toBe(0);
    b.ack(2); // selective ack in the middle
    expect(b.oldest()?.seq).toBe(0);
    b.ack(0);
    expect(b.oldest()?.seq).toBe(1);
    b.ack(1);
    expect(b.oldest()?.seq).toBe(3);
    b.ack(3);
    expect(b.oldest()?.seq).toBe(5); // over the gap
    b.ack(5);
    b.ack(6);
    expect(b.oldest()).toBeUndefined();
    b.add(entry(9)); // emptied, then refilled higher up
    expect(b.oldest()?.seq).toBe(9);
    expect([...b.all()].map((e) => e.seq)).toEqual([9]);
  });

  it('matches a scan of the held entries over a long random run', () => {
    const b = new OutgoingBuffer(1_000);
    const held = new Set<number>();
    let next = 0;
    let state = 7;
    const rand = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    for (let step = 0; step < 20_000; step++) {
      if (rand() < 0.55) {
        const seq = next++;
        if (rand() < 0.05) continue; // a sequence number that never made it into the buffer
        b.add(entry(seq));
        held.add(seq);
      } else if (held.size > 0) {
        // Mostly the oldest (in-order acks), sometimes any held frame.
        const pick = rand() < 0.8 ? Math.min(...held) : [...held][Math.floor(rand() * held.size)] as number;
        b.ack(pick);
        held.delete(pick);
      }
      expect(b.oldest()?.seq).toBe(held.size === 0 ? undefined : Math.min(...held));
    }
  });
});
