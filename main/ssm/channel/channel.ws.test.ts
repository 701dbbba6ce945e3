// The reliability layer over real loopback websockets: replayed real agent frames, and a client
// and an agent channel talking through a link that drops, duplicates and reorders frames.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { decodeAcknowledge, decodeFrame, MessageType, PayloadType } from '../frame/index.js';
import { realSession } from '../../../testing/ssm/conformance.js';
import { AGENT_POLICY, CLIENT_POLICY, ReliableChannel, type FrameTransport } from './index.js';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).reverse().forEach((f) => f()));

async function wsPair(): Promise<{ server: WebSocket; client: WebSocket }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => wss.close());
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const { port } = wss.address() as { port: number };
  const serverSide = new Promise<WebSocket>((r) => wss.once('connection', (s) => r(s)));
  const client = new WebSocket(`ws://127.0.0.1:${port}/v1/data-channel/test`);
  cleanups.push(() => client.terminate());
  await new Promise<void>((r, j) => { client.once('open', () => r()); client.once('error', j); });
  return { server: await serverSide, client };
}

const wsTransport = (ws: WebSocket): FrameTransport => ({
  send: (b) => { if (ws.readyState !== WebSocket.OPEN) return false; ws.send(b); return true; },
});

/** Deterministic PRNG so a failing fault pattern can be reproduced. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Wraps a transport with drop / duplicate / delay (reorder) faults. */
function faulty(inner: FrameTransport, rand: () => number): FrameTransport {
  return {
    send(bytes) {
      const r = rand();
      if (r < 0.05) return true; // dropped on the floor
      if (r < 0.1) setTimeout(() => inner.send(bytes), 5 + rand() * 25); // delayed → reordered
      else inner.send(bytes);
      if (rand() < 0.05) inner.send(bytes); // duplicated
      return true;
    },
  };
}

describe('ReliableChannel over websockets', () => {
  it('acks a replayed real agent shell stream exactly as the plugin did and delivers its output', async () => {
    const lines = realSession('shell-session');
    const agentFrames = lines.filter((l) => l.dir === 'server->client' && l.type === MessageType.OutputStreamData);
    const pluginAcks = lines
      .filter((l) => l.dir === 'client->server' && l.type === MessageType.Acknowledge)
      .map((l) => decodeAcknowledge(decodeFrame(Buffer.from(l.raw ?? '', 'base64')).payload).acknowledgedMessageSequenceNumber);
    const { server, client } = await wsPair();
    const output: Buffer[] = [];
    const channel = new ReliableChannel({ policy: CLIENT_POLICY, hooks: { deliver: (f) => (f.payloadType === PayloadType.Output && output.push(Buffer.from(f.payload)), 'accepted') } });
    cleanups.push(() => channel.close());
    channel.attach(wsTransport(client));
    client.on('message', (data: Buffer) => channel.receive(new Uint8Array(data)));
    const acks: number[] = [];
    const allAcked = new Promise<void>((resolve) => {
      server.on('message', (data: Buffer) => {
        const f = decodeFrame(new Uint8Array(data));
        if (f.messageType === MessageType.Acknowledge) acks.push(decodeAcknowledge(f.payload).acknowledgedMessageSequenceNumber);
        if (acks.length === agentFrames.length) resolve();
      });
    });
    for (const l of agentFrames) server.send(Buffer.from(l.raw ?? '', 'base64'));
    await allAcked;
    expect(acks).toEqual(pluginAcks);
    const expected = agentFrames.map((l) => decodeFrame(Buffer.from(l.raw ?? '', 'base64'))).filter((f) => f.payloadType === PayloadType.Output).map((f) => Buffer.from(f.payload));
    expect(Buffer.concat(output).equals(Buffer.concat(expected))).toBe(true);
    expect(Buffer.concat(output).toString()).toContain('tap-42');
  });

  it('delivers both directions exactly once, in order, through drops, duplicates and reordering', async () => {
    const { server, client } = await wsPair();
    const FRAMES = 300;
    const got = { client: [] as string[], agent: [] as string[] };
    const done = { client: () => {}, agent: () => {} };
    const finished = Promise.all([new Promise<void>((r) => (done.client = r)), new Promise<void>((r) => (done.agent = r))]);
    const make = (role: 'client' | 'agent', ws: WebSocket, seed: number) => {
      const ch = new ReliableChannel({
        policy: role === 'client' ? CLIENT_POLICY : AGENT_POLICY,
        hooks: { deliver: (f) => { got[role].push(new TextDecoder().decode(f.payload)); if (got[role].length === FRAMES) done[role](); return 'accepted'; } },
      });
      if (role === 'agent') ch.markHandshakeComplete();
      cleanups.push(() => ch.close());
      ch.attach(faulty(wsTransport(ws), prng(seed)));
      ws.on('message', (data: Buffer) => ch.receive(new Uint8Array(data)));
      return ch;
    };
    const c = make('client', client, 7);
    const a = make('agent', server, 11);
    for (let i = 0; i < FRAMES; i++) {
      c.send(PayloadType.Output, new TextEncoder().encode(`in-${i}`));
      a.send(PayloadType.Output, new TextEncoder().encode(`out-${i}`));
    }
    await finished;
    expect(got.agent).toEqual(Array.from({ length: FRAMES }, (_, i) => `in-${i}`));
    expect(got.client).toEqual(Array.from({ length: FRAMES }, (_, i) => `out-${i}`));
    expect(c.stats.retransmits + a.stats.retransmits).toBeGreaterThan(0);
    expect(c.stats.duplicates + a.stats.duplicates).toBeGreaterThan(0);
  });
});
