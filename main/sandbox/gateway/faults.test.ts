// Every fault knob, observed on a real websocket: what the client receives (or not) changes
// exactly as the knob says, and the session recovers when the knob is lifted.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FrameLayout, MessageType, PayloadType, decodeChannelClosed, type ClientMessage } from '../../ssm/frame/index.js';
import type { SandboxSession } from '../session-registry.js';
import { CloseCode } from './constants.js';
import { gatewayWithEchoPerTest } from '../../../testing/sandbox/gateway/sandbox-fixture.js';
import { RESEND_MS, WireClient, type WireClientOptions } from '../../../testing/sandbox/gateway/wire-client.js';

const t = gatewayWithEchoPerTest();

/** A basic-mode port session to the echo server, past its handshake. */
async function echoSession(options: WireClientOptions = {}): Promise<{ s: SandboxSession; client: WireClient }> {
  const s = t.fx.addSession({ type: 'Port', properties: { portNumber: '7', type: 'LocalPortForwarding' }, host: 'localhost', portNumber: 7, dial: { host: '127.0.0.1', port: t.echo.port } });
  const client = await WireClient.open(t.fx.url(s.sessionId), s.tokenValue, { clientVersion: '1.1.0.0', ...options });
  await client.waitFor(() => client.stream.length === 1, 'HandshakeRequest');
  client.send(PayloadType.HandshakeResponse, JSON.stringify({ ClientVersion: '1.1.0.0', ProcessedClientActions: [{ ActionType: 'SessionType', ActionStatus: 1 }] }));
  await client.waitFor(() => client.stream.length === 2 && t.echo.open.size === 1, 'HandshakeComplete and the dial');
  return { s, client };
}

const outputFrames = (c: WireClient) => c.frames(MessageType.OutputStreamData).filter((f) => f.payloadType === PayloadType.Output);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('frame faults toward the client', () => {
  it('drop: nothing gets through while drop=1; retransmission delivers it once lifted', async () => {
    const { s, client } = await echoSession();
    t.fx.gateway.faults.set(s.sessionId, { toClient: { drop: 1, types: ['output_stream_data'] } });
    client.send(PayloadType.Output, 'lost-for-now');
    await client.waitFor(() => client.ackedSeqs().includes(1), 'the ack (acks are not selected)');
    // Nothing gets through: a proof that can only watch, here across three resends.
    await sleep(3 * RESEND_MS);
    expect(outputFrames(client)).toHaveLength(0);
    t.fx.gateway.faults.set(s.sessionId, {});
    await client.waitFor(() => client.outputText() === 'lost-for-now', 'the retransmitted echo');
    client.close();
  });

  it('duplicate: every selected frame arrives twice', async () => {
    const { s, client } = await echoSession();
    t.fx.gateway.faults.set(s.sessionId, { toClient: { duplicate: 1, types: ['output_stream_data'] } });
    client.send(PayloadType.Output, 'twice');
    await client.waitFor(() => outputFrames(client).length === 2, 'two copies');
    const [a, b] = outputFrames(client) as [ClientMessage, ClientMessage];
    expect([a.sequenceNumber, a.messageId]).toEqual([b.sequenceNumber, b.messageId]);
    expect(client.outputText()).toBe('twice');
    client.close();
  });

  it('reorder: frames arrive out of sequence and reassemble intact', async () => {
    const { s, client } = await echoSession();
    t.fx.gateway.faults.set(s.sessionId, { seed: 7, toClient: { reorderWindow: 8, types: ['output_stream_data'] } });
    const data = randomBytes(48 * 1024).toString('hex'); // 96 KB of text → ~96 frames
    for (let i = 0; i < data.length; i += 1024) client.send(PayloadType.Output, data.slice(i, i + 1024));
    await client.waitFor(() => client.outputText().length === data.length, 'all bytes');
    expect(client.outputText()).toBe(data);
    const arrival = outputFrames(client).map((f) => f.sequenceNumber);
    expect(arrival.some((seq, i) => i > 0 && seq < (arrival[i - 1] as number))).toBe(true);
    client.close();
  });

  it('delay: a delayed frame arrives no earlier than the delay', async () => {
    const { s, client } = await echoSession();
    t.fx.gateway.faults.set(s.sessionId, { toClient: { delayMs: 400 } });
    const sentAt = Date.now();
    client.send(PayloadType.Output, 'slow');
    await client.waitFor(() => client.outputText() === 'slow', 'the delayed echo');
    const ackAt = client.received.find((r) => r.frame?.messageType === MessageType.Acknowledge && r.at >= sentAt)?.at ?? 0;
    expect(ackAt - sentAt).toBeGreaterThanOrEqual(400);
    client.close();
  });

  it('spares handshake frames unless told otherwise', async () => {
    t.fx.gateway.faults.setDefault({ toClient: { drop: 1 } });
    const { client } = await echoSession(); // would time out if the handshake were dropped
    expect(client.stream.map((f) => f.payloadType)).toEqual([PayloadType.HandshakeRequest, PayloadType.HandshakeComplete]);
    client.close();
  });
});

describe('frame faults toward the agent', () => {
  it('drop: no ack and no effect until lifted, then the client retransmission lands', async () => {
    const { s, client } = await echoSession();
    t.fx.gateway.faults.set(s.sessionId, { toAgent: { drop: 1, types: ['input_stream_data'] } });
    client.send(PayloadType.Output, 'knock');
    await sleep(3 * RESEND_MS);
    expect(client.ackedSeqs()).not.toContain(1);
    expect(client.resent).toBeGreaterThan(0);
    t.fx.gateway.faults.set(s.sessionId, {});
    await client.waitFor(() => client.outputText() === 'knock', 'echo after the fault');
    client.close();
  });

  it('duplicate: the agent receives each frame twice and re-acks the copy', async () => {
    const { s, client } = await echoSession({ retransmit: false });
    t.fx.gateway.faults.set(s.sessionId, { toAgent: { duplicate: 1, types: ['input_stream_data'] } });
    client.send(PayloadType.Output, 'dup');
    await client.waitFor(() => client.ackedSeqs().filter((q) => q === 1).length === 2, 'two acks for seq 1');
    await client.waitFor(() => client.outputText() === 'dup', 'a single echo');
    expect(t.fx.gateway.host(s.sessionId)?.agent.channel.stats.duplicates).toBe(1);
    client.close();
  });
});

describe('socket and MGS faults', () => {
  it('kill-socket and killSocketEveryMs cut the websocket (1006); the session survives for a re-open', async () => {
    const { s, client } = await echoSession();
    t.fx.gateway.faults.set(s.sessionId, { actions: [{ do: 'kill-socket' }] });
    expect((await client.closed).code).toBe(1006);
    t.fx.gateway.faults.set(s.sessionId, { killSocketEveryMs: 300 });
    const again = await WireClient.open(t.fx.url(s.sessionId), s.tokenValue, { resumeFrom: { inputSeq: 1, outputSeq: 2 } });
    expect((await again.closed).code).toBe(1006);
    expect(t.fx.gateway.host(s.sessionId)?.stats.kills).toBe(2);
    t.fx.gateway.faults.set(s.sessionId, {});
    const last = await WireClient.open(t.fx.url(s.sessionId), s.tokenValue, { resumeFrom: { inputSeq: 1, outputSeq: 2 } });
    last.send(PayloadType.Output, 'still-here');
    await last.waitFor(() => last.outputText() === 'still-here', 'echo after the kills');
    last.close();
  });

  it('sends pause_publication / start_publication and every malformed variant', async () => {
    const { s, client } = await echoSession();
    const variants = ['bad-digest', 'short-header', 'header-length-zero', 'header-length-overrun', 'empty-type', 'zero-created-date', 'garbage', 'text-frame'] as const;
    t.fx.gateway.faults.set(s.sessionId, {
      actions: [{ do: 'pause-publication' }, { do: 'start-publication' }, ...variants.map((variant) => ({ do: 'malformed' as const, variant }))],
    });
    // The injected frames go out back to back, but not necessarily last: on a loaded machine the
    // test client resends its HandshakeResponse before the agent's ack reaches it, and the agent's
    // second ack can come after them. So they are found from the pause frame, not counted from the end.
    const injectedCount = 2 + variants.length;
    const pauseAt = () => client.received.findIndex((r) => r.frame?.messageType === MessageType.PausePublication);
    await client.waitFor(() => pauseAt() >= 0 && client.received.length >= pauseAt() + injectedCount, 'injected frames');
    const injected = client.received.slice(pauseAt(), pauseAt() + injectedCount);
    expect(injected.slice(0, 2).map((r) => r.frame?.messageType)).toEqual([MessageType.PausePublication, MessageType.StartPublication]);
    const bad = injected.slice(2);
    expect(bad.slice(0, -1).every((r) => r.error !== undefined && !r.text)).toBe(true);
    expect(bad.at(-1)?.text).toBe(true);
    // The session is unharmed.
    client.send(PayloadType.Output, 'after');
    await client.waitFor(() => client.outputText() === 'after', 'echo after the garbage');
    client.close();
  });

  it('channel-closed-112 ends the session with the short-header, NUL-padded variant', async () => {
    const { s, client } = await echoSession();
    t.fx.gateway.faults.set(s.sessionId, { actions: [{ do: 'channel-closed-112', output: 'gateway says bye' }] });
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length === 1, 'channel_closed');
    const r = client.received.find((x) => x.frame?.messageType === MessageType.ChannelClosed);
    const view = new DataView((r?.raw as Uint8Array).buffer, (r?.raw as Uint8Array).byteOffset);
    expect(view.getUint32(0)).toBe(FrameLayout.SHORT_HEADER_LENGTH);
    expect((r?.raw as Uint8Array)[4 + 'channel_closed'.length]).toBe(0);
    expect(decodeChannelClosed((r?.frame as ClientMessage).payload).output).toBe('gateway says bye');
    expect((await client.closed).code).toBe(CloseCode.Normal);
  });

  it('expire-token makes the next open fail with 4403 while the open socket keeps working', async () => {
    const { s, client } = await echoSession();
    t.fx.gateway.faults.set(s.sessionId, { actions: [{ do: 'expire-token' }] });
    const reopen = await WireClient.open(t.fx.url(s.sessionId), s.tokenValue);
    expect((await reopen.closed).code).toBe(CloseCode.ExpiredToken);
    // The reopen attempt was refused before it could replace the live socket.
    client.send(PayloadType.Output, 'alive');
    await client.waitFor(() => client.outputText() === 'alive', 'echo on the original socket');
    client.close();
  });

  it('faults on one session leave a concurrent session untouched', async () => {
    const a = await echoSession();
    const b = await echoSession();
    t.fx.gateway.faults.set(a.s.sessionId, { toClient: { drop: 1, types: ['output_stream_data'] }, actions: [{ do: 'malformed', variant: 'garbage' }] });
    b.client.send(PayloadType.Output, 'b-is-fine');
    await b.client.waitFor(() => b.client.outputText() === 'b-is-fine', 'echo on b');
    expect(b.client.received.every((r) => r.error === undefined)).toBe(true);
    a.client.close();
    b.client.close();
  });
});
