// Port sessions (§8) against the emulated agent: the handshake as in the real recording
// (testing/conformance/real/port-mux-session.jsonl), smux mux mode moving real bytes to a TCP
// server, ConnectToPortError for a refused stream, basic mode with DisconnectToPort, and the
// TerminateSession flag.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MessageType, PayloadType, decodeAcknowledge, decodeChannelClosed, decodeFrame, encodeFlag, PayloadTypeFlag, type ClientMessage } from '../../ssm/frame/index.js';
import { SmuxSession, type SmuxStream } from '../../ssm/smux/index.js';
import { realSession } from '../../../testing/ssm/conformance.js';
import type { SandboxSession } from '../session-registry.js';
import { gatewayWithEchoPerTest } from '../../../testing/sandbox/gateway/sandbox-fixture.js';
import { WireClient } from '../../../testing/sandbox/gateway/wire-client.js';

const t = gatewayWithEchoPerTest();

const LPF = { localPortNumber: '7732', portNumber: '7730', type: 'LocalPortForwarding' };
const CHUNK = 1024;

function portSession(dial: boolean, properties: Record<string, string> = LPF): SandboxSession {
  return t.fx.addSession({ type: 'Port', properties, host: 'localhost', portNumber: 7730, ...(dial ? { dial: { host: '127.0.0.1', port: t.echo.port } } : {}) }, { documentName: 'AWS-StartPortForwardingSession' });
}

function handshakeResponse(clientVersion: string): string {
  return JSON.stringify({ ClientVersion: clientVersion, ProcessedClientActions: [{ ActionType: 'SessionType', ActionStatus: 1, ActionResult: null, Error: '' }], Errors: null });
}

/** Opens, checks the agent's HandshakeRequest, answers it and waits for HandshakeComplete. */
async function handshake(s: SandboxSession, clientVersion: string, options: { retransmit?: boolean } = {}): Promise<WireClient> {
  const client = await WireClient.open(t.fx.url(s.sessionId), s.tokenValue, { clientVersion, ...options });
  await client.waitFor(() => client.stream.length === 1, 'HandshakeRequest');
  client.send(PayloadType.HandshakeResponse, handshakeResponse(clientVersion));
  await client.waitFor(() => client.stream.length === 2, 'HandshakeComplete');
  return client;
}

function sendChunked(client: WireClient, bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i += CHUNK) client.send(PayloadType.Output, bytes.subarray(i, i + CHUNK));
}

/** An smux client over the wire client's PT 1 stream (frames split across messages, §8.3). */
function smuxClient(client: WireClient): SmuxSession {
  const mux = new SmuxSession({ role: 'client', keepAlive: false, send: (b) => (sendChunked(client, b), true) });
  client.onStreamFrame = (f) => {
    if (f.payloadType === PayloadType.Output) mux.receive(f.payload);
  };
  return mux;
}

function readAll(stream: SmuxStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  stream.on('data', (d: Buffer) => parts.push(d));
  return new Promise((resolve, reject) => {
    stream.on('end', () => resolve(Buffer.concat(parts)));
    stream.on('error', reject);
  });
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('port session handshake (§6, §8.1)', () => {
  it('sends HandshakeRequest and HandshakeComplete as the real agent does', async () => {
    const recorded = realSession('port-mux-session')
      .filter((r) => r.dir === 'server->client' && r.raw)
      .map((r) => decodeFrame(Buffer.from(r.raw as string, 'base64')));
    const s = portSession(true);
    const client = await handshake(s, '1.2.0.0');
    const [req, done] = client.stream as [ClientMessage, ClientMessage];
    const [recReq, recAck, recDone] = recorded as [ClientMessage, ClientMessage, ClientMessage];
    expect([req.sequenceNumber, req.flags, req.payloadType]).toEqual([recReq.sequenceNumber, recReq.flags, recReq.payloadType]);
    // Byte-identical apart from the agent version (sorted Properties keys, Go field order).
    expect(Buffer.from(req.payload).toString()).toBe(Buffer.from(recReq.payload).toString().replace('"3.3.0.0"', '"3.3.987.0"'));
    expect([done.sequenceNumber, done.flags, done.payloadType]).toEqual([recDone.sequenceNumber, recDone.flags, recDone.payloadType]);
    const complete = JSON.parse(Buffer.from(done.payload).toString()) as { HandshakeTimeToComplete: unknown; CustomerMessage: unknown };
    expect(Object.keys(complete)).toEqual(Object.keys(JSON.parse(Buffer.from(recDone.payload).toString()) as object));
    expect(complete.HandshakeTimeToComplete).toBeGreaterThan(0);
    expect(Number.isInteger(complete.HandshakeTimeToComplete)).toBe(true);
    expect(complete.CustomerMessage).toBe('');
    // The agent acked our HandshakeResponse before sending HandshakeComplete, like the recording.
    // First arrivals only: under load the client resends the response (and the agent the request)
    // before the other side's ack lands, and each copy is acked again (seen: pt5, ack, ack).
    const order = client.received.flatMap((r) => (r.frame ? [r.frame.messageType === MessageType.Acknowledge ? 'ack' : `pt${r.frame.payloadType}`] : []));
    expect([...new Set(order)].slice(0, 3)).toEqual(['pt5', 'ack', 'pt7']);
    expect(recAck.messageType).toBe(MessageType.Acknowledge);
    client.close();
  });

  it('acks and discards data sent before the handshake completes (§4.3)', async () => {
    const s = portSession(true, { portNumber: '7730' }); // SSH document: basic mode
    const client = await WireClient.open(t.fx.url(s.sessionId), s.tokenValue, { clientVersion: '1.2.650.0' });
    await client.waitFor(() => client.stream.length === 1, 'HandshakeRequest');
    client.send(PayloadType.Output, 'too-early');
    await client.waitFor(() => client.ackedSeqs().includes(0), 'ack of the early data');
    client.send(PayloadType.HandshakeResponse, handshakeResponse('1.2.650.0'));
    await client.waitFor(() => client.stream.length === 2, 'HandshakeComplete');
    client.send(PayloadType.Output, 'on-time');
    await client.waitFor(() => client.outputText().length >= 7, 'echo');
    expect(client.outputText()).toBe('on-time');
    client.close();
  });
});

describe('handshake failures', () => {
  it('gives up after 15 s without a HandshakeResponse, with the agent\'s message', async () => {
    const s = portSession(true);
    const client = await WireClient.open(t.fx.url(s.sessionId), s.tokenValue, { clientVersion: '1.2.650.0' });
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed', 30_000);
    expect(decodeChannelClosed((client.frames(MessageType.ChannelClosed)[0] as ClientMessage).payload).output).toBe(
      'Handshake timed out. Please ensure that you have the latest version of the session manager plugin.',
    );
  }, 40_000);
});

describe('mux mode (ClientVersion ≥ 1.1.70)', () => {
  it('moves bytes both ways through smux streams to a real TCP server', async () => {
    const s = portSession(true);
    const client = await handshake(s, '1.2.650.0');
    const mux = smuxClient(client);
    const payloads = [randomBytes(200_000), randomBytes(50_000), Buffer.from('hello')];
    const results = payloads.map(async (p) => {
      const stream = mux.openStream();
      const got = readAll(stream);
      stream.end(p);
      return got;
    });
    const echoed = await Promise.all(results);
    expect(echoed.map(sha)).toEqual(payloads.map(sha));
    expect(t.echo.connections).toBe(3);
    // Every agent data frame is at most 1024 bytes (§4.5).
    expect(client.stream.every((f) => f.payload.length <= 1024)).toBe(true);
    mux.close();
    client.close();
  });

  it('answers a refused dial with ConnectToPortError (PT 10, flag 3) and the stream FIN', async () => {
    const s = portSession(false);
    const client = await handshake(s, '1.2.650.0');
    const mux = smuxClient(client);
    const stream = mux.openStream();
    const got = readAll(stream);
    stream.write('anyone there?');
    expect((await got).length).toBe(0);
    const flags = client.stream.filter((f) => f.payloadType === PayloadType.Flag).map((f) => [...f.payload]);
    expect(flags).toEqual([[0, 0, 0, PayloadTypeFlag.ConnectToPortError]]);
    mux.close();
    client.close();
  });

  it('ends the session on the TerminateSession flag with channel_closed', async () => {
    const s = portSession(true);
    const client = await handshake(s, '1.2.650.0');
    client.send(PayloadType.Flag, encodeFlag(PayloadTypeFlag.TerminateSession));
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
    expect(decodeChannelClosed((client.frames(MessageType.ChannelClosed)[0] as ClientMessage).payload).output).toBe('');
  });
});

describe('basic mode (old client, or the SSH document)', () => {
  it('dials once, re-dials after DisconnectToPort, and echoes bytes as PT 1', async () => {
    const s = portSession(true);
    const client = await handshake(s, '1.1.0.0');
    await client.waitFor(() => t.echo.connections === 1, 'the agent dial right after the handshake');
    client.send(PayloadType.Output, 'ping-1');
    await client.waitFor(() => client.outputText() === 'ping-1', 'echo 1');
    client.send(PayloadType.Flag, encodeFlag(PayloadTypeFlag.DisconnectToPort));
    await client.waitFor(() => t.echo.open.size === 0, 'the destination connection closed');
    client.send(PayloadType.Output, 'ping-2');
    await client.waitFor(() => client.outputText() === 'ping-1ping-2', 'echo 2 over a new connection');
    expect(t.echo.connections).toBe(2);
    client.close();
  });

  it('acks the first data after DisconnectToPort while it re-dials, as the agent does (no resend needed)', async () => {
    const s = portSession(true);
    // No client resends: a message the agent leaves unacked would never be delivered again,
    // as with the plugin, which resends only the front of its buffer.
    const client = await handshake(s, '1.1.0.0', { retransmit: false });
    await client.waitFor(() => t.echo.connections === 1, 'the agent dial right after the handshake');
    client.send(PayloadType.Flag, encodeFlag(PayloadTypeFlag.DisconnectToPort));
    await client.waitFor(() => t.echo.open.size === 0, 'the destination connection closed');
    const seq = 2; // after the HandshakeResponse (0) and DisconnectToPort (1)
    client.send(PayloadType.Output, 'after-');
    client.send(PayloadType.Output, 'redial');
    await client.waitFor(() => client.outputText() === 'after-redial', 'both messages echoed over the new connection');
    expect(client.ackedSeqs()).toEqual(expect.arrayContaining([seq, seq + 1]));
    expect(t.echo.connections).toBe(2);
    client.close();
  });

  it('acks the TerminateSession flag before channel_closed', async () => {
    const s = portSession(true);
    const client = await handshake(s, '1.1.0.0', { retransmit: false });
    await client.waitFor(() => t.echo.open.size === 1, 'dial');
    const seq = 1; // after the HandshakeResponse (0)
    client.send(PayloadType.Flag, encodeFlag(PayloadTypeFlag.TerminateSession));
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
    const frames = client.received.flatMap((r) => (r.frame ? [r.frame] : []));
    const ackAt = frames.findIndex((f) => f.messageType === MessageType.Acknowledge && decodeAcknowledge(f.payload).acknowledgedMessageSequenceNumber === seq);
    const closedAt = frames.findIndex((f) => f.messageType === MessageType.ChannelClosed);
    expect(ackAt).toBeGreaterThanOrEqual(0);
    expect(ackAt).toBeLessThan(closedAt);
  });

  it('ends the session on the TerminateSession flag', async () => {
    const s = portSession(true);
    const client = await handshake(s, '1.1.0.0');
    await client.waitFor(() => t.echo.open.size === 1, 'dial');
    client.send(PayloadType.Flag, encodeFlag(PayloadTypeFlag.TerminateSession));
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
    await client.waitFor(() => t.echo.open.size === 0, 'the destination connection closed');
  });

  it('ends an SSH-document session when the destination closes', async () => {
    const s = portSession(true, { portNumber: '22' });
    const client = await handshake(s, '1.2.650.0');
    await client.waitFor(() => t.echo.open.size === 1, 'dial');
    for (const sock of t.echo.open) sock.end();
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
  });

  it('closes a session whose destination refuses with the reason in channel_closed Output', async () => {
    const s = portSession(false);
    const client = await handshake(s, '1.1.0.0');
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
    expect(decodeChannelClosed((client.frames(MessageType.ChannelClosed)[0] as ClientMessage).payload).output).toMatch(/^Unable to start port forwarding session: connection refused/);
  });
});
