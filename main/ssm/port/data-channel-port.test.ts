// DataChannelPort's flow-control inputs (issue 7): the backlog is the engine's exact count of
// unacknowledged payload bytes, and progress is reported after the ack took effect.
import { afterEach, describe, expect, it } from 'vitest';
import { DataChannel } from '../datachannel/data-channel.js';
import type { ClientMessage } from '../frame/index.js';
import { distinctInput, startScriptedAgent } from '../../../testing/ssm/scripted-agent.js';
import { WAIT_BOUND_MS } from '../../../testing/vitest/bounded.js';
import { DataChannelPort } from './data-channel-port.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const INFO = { sessionType: 'Port', properties: { portNumber: '80', type: 'LocalPortForwarding' }, agentVersion: '3.0.0.0', customerMessage: '', encrypted: false, detected: false } as const;

describe('DataChannelPort', () => {
  it('reports exact unacked bytes, lowered by the time progress listeners run', async () => {
    const agent = await startScriptedAgent();
    cleanups.push(() => agent.close());
    const dc = new DataChannel({ credentials: agent.credentials });
    cleanups.push(() => dc.close());
    const port = new DataChannelPort(dc, INFO);
    const ready = new Promise<void>((resolve) => dc.on('ready', () => resolve()));
    await dc.open();
    await agent.connected();
    agent.output(0, 'hello'); // first output: the channel is ready (no handshake in this script)
    await ready;
    expect(port.sendData(new Uint8Array(1000))).toBe(true);
    expect(port.sendData(new Uint8Array(24))).toBe(true);
    // Exact bytes, not frames × 1024 (which would say 2048).
    expect(port.unackedBytes).toBe(1024);
    // By sequence number: under load the channel resends both before they are acked.
    await expect.poll(() => distinctInput(agent.input).length, { timeout: WAIT_BOUND_MS }).toBe(2);
    const [first, second] = distinctInput(agent.input) as [ClientMessage, ClientMessage];
    expect([first.payload.length, second.payload.length]).toEqual([1000, 24]);
    const seen: number[] = [];
    port.onProgress(() => seen.push(port.unackedBytes));
    agent.ack(first);
    await expect.poll(() => seen, { timeout: WAIT_BOUND_MS }).toEqual([24]);
    agent.ack(second);
    await expect.poll(() => seen, { timeout: WAIT_BOUND_MS }).toEqual([24, 0]);
  });
});
