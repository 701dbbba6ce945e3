// Floods and backpressure: `yes` never wedges the session (Ctrl-C still works), and a client
// that stops acking makes the agent stop reading the pty at a bounded amount of unacked output.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PayloadType, type ClientMessage } from '../../ssm/frame/index.js';
import { GATEWAY } from './constants.js';
import { startFixture, type Fixture } from '../../../testing/sandbox/gateway/sandbox-fixture.js';
import { WireClient } from '../../../testing/sandbox/gateway/wire-client.js';

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture({ pacing: 'unpaced' });
});
afterEach(async () => {
  await fx.close();
});

/** No new output over this long counts as stalled. */
const STALL_PROBE_MS = 750;

const outputBytes = (c: WireClient) => c.stream.reduce((n, f) => n + (f.payloadType === PayloadType.Output ? f.payload.length : 0), 0);

describe('flow', () => {
  it('Ctrl-C stops a `yes` flood and the shell answers again', async () => {
    const s = fx.addSession({ type: 'Standard_Stream' });
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    client.send(PayloadType.Output, 'yes\n');
    await client.waitFor(() => outputBytes(client) > 2 * 1024 * 1024, '2 MB of y');
    client.send(PayloadType.Output, new Uint8Array([0x03]));
    client.send(PayloadType.Output, 'echo after-$((9*9))\n');
    await client.waitFor(() => client.outputText().includes('after-81'), 'the shell after Ctrl-C', 30_000);
    client.close();
  });

  it('stops reading the pty when the client stops acking, and resumes when it acks', async () => {
    const s = fx.addSession({ type: 'Standard_Stream' });
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    await client.waitFor(() => client.stream.length > 0, 'prompt');
    client.autoAck = false;
    client.send(PayloadType.Output, 'yes\n');
    const limit = GATEWAY.UNACKED_HIGH_WATER_BYTES;
    await client.waitFor(() => outputBytes(client) > limit / 2, 'the flood', 30_000);
    // Stalled: nothing more arrives (beyond frames already in flight).
    let last = -1;
    for (let now = outputBytes(client); now !== last; now = outputBytes(client)) {
      last = now;
      await new Promise((resolve) => setTimeout(resolve, STALL_PROBE_MS));
    }
    const stalledAt = last;
    // Frames carry ~10% header, so the payload stalls a little below the byte limit.
    expect(stalledAt).toBeGreaterThan(limit * 0.8);
    expect(stalledAt).toBeLessThan(limit + 2 * 1024 * 1024);
    // Ack everything: the agent reads again.
    for (const f of client.stream) client.ack(f);
    // Another window's worth follows (it stalls again after that: acks are still off).
    await client.waitFor(() => outputBytes(client) > stalledAt + limit / 2, 'more output after acking', 30_000);
    client.autoAck = true;
    client.send(PayloadType.Output, new Uint8Array([0x03]));
    client.close();
  });

  it('once stalled, resumes only when the unacked output is back under FLOW_RESUME_FRACTION of its limit, not at the first ack', async () => {
    const s = fx.addSession({ type: 'Standard_Stream' });
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    await client.waitFor(() => client.stream.length > 0, 'prompt');
    for (const f of client.stream) client.ack(f);
    client.autoAck = false;
    client.send(PayloadType.Output, 'yes\n');
    const limit = GATEWAY.UNACKED_HIGH_WATER_BYTES;
    await client.waitFor(() => outputBytes(client) > limit / 2, 'the flood', 30_000);
    const settle = async () => {
      let last = -1;
      for (let now = outputBytes(client); now !== last; now = outputBytes(client)) {
        last = now;
        await new Promise((resolve) => setTimeout(resolve, STALL_PROBE_MS));
      }
      return last;
    };
    const stalledAt = await settle();
    const frames = [...client.stream];
    // Ack oldest first, as a client reading in order does, up to a share of what is unacked.
    let acked = 0;
    const ackShare = (share: number) => {
      for (; acked < Math.floor(frames.length * share); acked++) client.ack(frames[acked]!);
    };
    ackShare(0.1);
    // 90 % still unacked: above the resume mark, so nothing more is read.
    expect(await settle()).toBe(stalledAt);
    ackShare(0.4);
    // 60 %: under it, so another stretch of output follows.
    await client.waitFor(() => outputBytes(client) > stalledAt + limit / 8, 'output after acking under the resume mark', 30_000);
    expect(GATEWAY.FLOW_RESUME_FRACTION).toBeGreaterThan(0.6);
    expect(GATEWAY.FLOW_RESUME_FRACTION).toBeLessThan(0.9);
    client.autoAck = true;
    for (const f of client.stream) client.ack(f);
    client.send(PayloadType.Output, new Uint8Array([0x03]));
    client.close();
  });

  it('keeps the agent within what the client can buffer when one frame stays unacked', async () => {
    const s = fx.addSession({ type: 'Standard_Stream' });
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    await client.waitFor(() => client.stream.length > 0, 'prompt');
    client.autoAck = false;
    // Ack every frame but one early in the flood, as a client missing that frame would.
    let withheld: ClientMessage | undefined;
    client.onStreamFrame = (f) => {
      if (withheld === undefined && f.payloadType === PayloadType.Output && outputBytes(client) > 64 * 1024) withheld = f;
      else client.ack(f);
    };
    client.send(PayloadType.Output, 'yes\n');
    await client.waitFor(() => withheld !== undefined, 'the flood', 30_000);
    const highest = () => client.stream.at(-1)?.sequenceNumber ?? 0;
    let last = -1;
    for (let now = highest(); now !== last; now = highest()) {
      last = now;
      await new Promise((resolve) => setTimeout(resolve, STALL_PROBE_MS));
    }
    // Little is unacked (one frame), yet the agent stopped at the sequence window past it.
    const ahead = last - (withheld?.sequenceNumber ?? 0);
    expect(ahead).toBeLessThan(GATEWAY.SEQ_WINDOW_FRAMES);
    expect(ahead).toBeGreaterThan(GATEWAY.SEQ_WINDOW_FRAMES * 0.9);
    if (withheld) client.ack(withheld);
    await client.waitFor(() => highest() > last + 1_000, 'more output once the frame is acked', 30_000);
    client.autoAck = true;
    client.onStreamFrame = undefined;
    client.send(PayloadType.Output, new Uint8Array([0x03]));
    client.close();
  });
});
