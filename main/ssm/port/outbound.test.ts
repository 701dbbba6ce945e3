import { describe, expect, it } from 'vitest';
import type { PortChannel } from './channel.js';
import { Outbound } from './outbound.js';

/** A channel that takes `room` items, then refuses until given more; records what it took. */
function fakeChannel(room: number) {
  const sent: Array<string> = [];
  const progress: Array<() => void> = [];
  const channel = {
    room,
    sendData(payload: Uint8Array) {
      if (channel.room <= 0) return false;
      channel.room--;
      sent.push(`data:${Buffer.from(payload).toString('latin1')}`);
      return true;
    },
    sendFlag(value: number) {
      if (channel.room <= 0) return false;
      channel.room--;
      sent.push(`flag:${value}`);
      return true;
    },
    unackedBytes: 0,
    onProgress: (listener: () => void) => void progress.push(listener),
  };
  return { channel, sent, progress: () => progress.forEach((l) => l()) };
}

describe('Outbound', () => {
  it('sends payloads and flags in the order given, across a full channel and the progress that frees it', () => {
    const { channel, sent, progress } = fakeChannel(3);
    const out = new Outbound(channel as unknown as PortChannel, { maxPayload: 4 });
    out.write(Buffer.from('aaaabbbbcc')); // three payloads: aaaa, bbbb, cc
    out.flag(2);
    out.write(Buffer.from('ddddee'));
    expect(sent).toEqual(['data:aaaa', 'data:bbbb', 'data:cc']);
    expect(out.idle).toBe(false);
    channel.room = 2;
    progress();
    expect(sent).toEqual(['data:aaaa', 'data:bbbb', 'data:cc', 'flag:2', 'data:dddd']);
    channel.room = 10;
    progress();
    expect(sent).toEqual(['data:aaaa', 'data:bbbb', 'data:cc', 'flag:2', 'data:dddd', 'data:ee']);
    expect(out.idle).toBe(true);
    expect(out.backlog).toBe(0);
    // Nothing is sent twice when progress comes with nothing queued.
    progress();
    expect(sent).toHaveLength(6);
  });
});
