// The raw websocket output baseline (issue 7): the sender runs in its own process and every byte
// it sends is received and counted, in messages of the size asked for.
import { describe, expect, it } from 'vitest';
import { rawWebsocketOutput } from './raw-output.js';

describe('rawWebsocketOutput', () => {
  it('receives every message of the requested size from a server in another process', async () => {
    const r = await rawWebsocketOutput(100 * 1024, 1024);
    expect(r.messages).toBe(100);
    expect(r.bytes).toBe(100 * 1024);
    expect(r.megabytesPerSecond).toBeGreaterThan(0);
    // The sender's CPU is another process's: it is measured there, not folded into this one.
    expect(Number.isNaN(r.server)).toBe(false);
  });

  it('rounds a size that is not a multiple of the message up to whole messages', async () => {
    const r = await rawWebsocketOutput(2500, 1000);
    expect(r.messages).toBe(3);
    expect(r.bytes).toBe(3000);
  });
});
