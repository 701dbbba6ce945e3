// Input flow control (issue 7): pendingInputBytes counts exactly the payload bytes not yet
// acknowledged, and 'acked' fires after an ack took its frame out, so a listener reading the
// count sees it already lowered (not one ack late).
// Frames are told apart by sequence number (distinctInput), never by how many arrived: the
// channel resends what the agent has not acked yet.
import { afterEach, describe, expect, it } from 'vitest';
import { PayloadType, type ClientMessage } from '../frame/index.js';
import { distinctInput, startScriptedAgent } from '../../../testing/ssm/scripted-agent.js';
import { WAIT_BOUND_MS } from '../../../testing/vitest/bounded.js';
import { DataChannel } from './data-channel.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('DataChannel input flow control', () => {
  it('counts queued and unacked input bytes and reports each ack after it took effect', async () => {
    const agent = await startScriptedAgent();
    cleanups.push(() => agent.close());
    const dc = new DataChannel({ credentials: agent.credentials });
    cleanups.push(() => dc.close());
    dc.setHandler({ deliver: () => 'accepted' });
    const ready = new Promise<void>((resolve) => dc.on('ready', () => resolve()));
    // Queued before the session is ready: counted already.
    dc.send(PayloadType.Output, new Uint8Array(100));
    expect(dc.pendingInputBytes).toBe(100);
    await dc.open();
    await agent.connected();
    agent.output(0, '$ ');
    await ready;
    dc.send(PayloadType.Output, new Uint8Array(200));
    dc.send(PayloadType.Output, new Uint8Array(50));
    expect(dc.pendingInputBytes).toBe(350);
    await expect.poll(() => distinctInput(agent.input).length, { timeout: WAIT_BOUND_MS }).toBe(3);
    const [first, second, third] = distinctInput(agent.input) as [ClientMessage, ClientMessage, ClientMessage];
    expect([first, second, third].map((f) => f.payload.length)).toEqual([100, 200, 50]);
    expect(dc.pendingInputBytes).toBe(350); // sent, not acknowledged
    expect(dc.pendingInput).toBe(3);

    const seen: number[] = [];
    dc.on('acked', () => seen.push(dc.pendingInputBytes));
    agent.ack(second);
    await expect.poll(() => seen, { timeout: WAIT_BOUND_MS }).toEqual([150]);
    agent.ack(first);
    agent.ack(third);
    await expect.poll(() => seen, { timeout: WAIT_BOUND_MS }).toEqual([150, 50, 0]);
    expect(dc.pendingInput).toBe(0);
    // An ack for a frame no longer held changes nothing and reports nothing.
    agent.ack(third);
    agent.output(1, 'x');
    await expect.poll(() => agent.acked.includes(1), { timeout: WAIT_BOUND_MS }).toBe(true);
    expect(seen).toEqual([150, 50, 0]);
  });
});
