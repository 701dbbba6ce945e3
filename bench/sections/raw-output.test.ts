// The raw websocket output baseline (issue 7): the sender runs in its own process and every byte
// it sends is received and counted, in messages of the size asked for.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { RAW_OUTPUT_SERVER, rawWebsocketOutput } from './raw-output.js';

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

  it('the server exits once the process that started it is gone (its stdin closes), so none is left behind', async () => {
    const child = spawn(process.execPath, [RAW_OUTPUT_SERVER, '1024', '1'], { stdio: ['pipe', 'pipe', 'inherit'] });
    await once(createInterface({ input: child.stdout }), 'line'); // listening: it would wait for a client
    const exited = once(child, 'exit');
    child.stdin.end();
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  });
});
