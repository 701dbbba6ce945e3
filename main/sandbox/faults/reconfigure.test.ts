// Changing a live session's knobs over a real websocket: frames the shapers hold when the spec
// changes still arrive. The client never retransmits here, so a frame lost by the change would
// never reach the agent and its echo would never come back.
import { describe, expect, it } from 'vitest';
import { PayloadType } from '../../ssm/frame/index.js';
import { gatewayWithEchoPerTest } from '../../../testing/sandbox/gateway/sandbox-fixture.js';
import { WireClient } from '../../../testing/sandbox/gateway/wire-client.js';

/** How long the delay holds the frames; the knobs change as soon as all of them are held. */
const HOLD_MS = 800;
/** Kill period for the timer test: several re-applies fit in one period. */
const KILL_EVERY_MS = 400;
/** Generous wait for that kill on a loaded machine: many periods. */
const KILL_WAIT_MS = 15_000;

const t = gatewayWithEchoPerTest();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fault knobs changed on a live session', () => {
  it('keeps the frames a delay holds toward the agent when the delay is lifted or the spec re-applied', async () => {
    const s = t.fx.addSession({ type: 'Port', properties: { portNumber: '7', type: 'LocalPortForwarding' }, host: 'localhost', portNumber: 7, dial: { host: '127.0.0.1', port: t.echo.port } });
    const client = await WireClient.open(t.fx.url(s.sessionId), s.tokenValue, { clientVersion: '1.1.0.0', retransmit: false });
    await client.waitFor(() => client.stream.length === 1, 'HandshakeRequest');
    client.send(PayloadType.HandshakeResponse, JSON.stringify({ ClientVersion: '1.1.0.0', ProcessedClientActions: [{ ActionType: 'SessionType', ActionStatus: 1 }] }));
    await client.waitFor(() => client.stream.length === 2 && t.echo.open.size === 1, 'HandshakeComplete and the dial');

    const spec = { seed: 3, toAgent: { delayMs: HOLD_MS, reorderWindow: 4, types: ['input_stream_data'] } };
    t.fx.gateway.faults.set(s.sessionId, spec);
    for (const part of ['one,', 'two,', 'three']) client.send(PayloadType.Output, part);
    // Change the knobs once the gateway holds all three in its delay queue (not after a fixed
    // wait: a stalled loop could change them before the frames arrived, or before the reorder
    // window flushed into the queue, and the frames would never be delayed at all).
    await client.waitFor(() => t.fx.gateway.host(s.sessionId)?.faultStats().toAgent.delayed === 3, 'the three frames held');
    t.fx.gateway.faults.set(s.sessionId, { ...spec, actions: [{ do: 'pause-publication' }, { do: 'start-publication' }] });
    t.fx.gateway.faults.set(s.sessionId, { seed: 3 });
    expect(client.outputText()).toBe(''); // still held: the change released nothing early
    await client.waitFor(() => client.outputText() === 'one,two,three', 'every held frame echoed');
    expect(client.resent).toBe(0);
    expect(t.fx.gateway.host(s.sessionId)?.faultStats().toAgent.delayed).toBe(3);
    client.close();
  });

  it('keeps the kill timer running when the same period is applied again and again', async () => {
    const s = t.fx.addSession({ type: 'Standard_Stream' });
    const client = await WireClient.open(t.fx.url(s.sessionId), s.tokenValue);
    await client.waitFor(() => client.stream.length > 0, 'the prompt');
    const spec = { killSocketEveryMs: KILL_EVERY_MS };
    t.fx.gateway.faults.set(s.sessionId, spec);
    // Re-applied more often than it fires: a timer restarted on every apply would never fire.
    const again = setInterval(() => t.fx.gateway.faults.set(s.sessionId, { ...spec, toClient: { duplicate: 0.5 } }), KILL_EVERY_MS / 4);
    try {
      const closed = await Promise.race([client.closed, sleep(KILL_WAIT_MS).then(() => undefined)]);
      expect(closed?.code).toBe(1006);
      expect(t.fx.gateway.host(s.sessionId)?.stats.kills).toBe(1);
    } finally {
      clearInterval(again);
      client.close();
    }
  });
});
