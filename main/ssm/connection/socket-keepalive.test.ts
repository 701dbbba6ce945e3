// The socket's liveness check (liveness.ts) on real websockets on loopback, time counted in ticks
// of a hand-driven timer: a peer that answered a ping and then stops answering is left within the
// bound, with a reason that says so; one never seen to pong only after the keepalive interval; a peer that answers is kept however long the session stays quiet; and a paused reader
// (flow control, a backgrounded terminal), which cannot see pongs, is never judged for them.
// Every step waits on the socket events it needs (the peer saw ping N; the reply was read), never
// on the clock, so a loaded machine cannot make a tick come before a reply was read.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { ManualTimer } from '../../../testing/ssm/manual-timer.js';
import { NO_PONG_SILENCE_BOUND_TICKS, SILENCE_BOUND_TICKS } from './liveness.js';
import { DataSocket } from './socket.js';

/** Silence bounds a quiet, answering peer is kept through (each one probes it at least once). */
const QUIET_BOUNDS = 5;
/** Silence bounds a paused reader is kept through with a peer that never answers. */
const PAUSED_BOUNDS = 5;

const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.splice(0).forEach((f) => f());
  vi.restoreAllMocks();
});

/**
 * A loopback peer that counts the pings it gets. While `answering`, it answers each one, then sends
 * a text message `after-pong:N` behind the pong: when the client reads that text, it has read pong N.
 */
class Peer {
  pings = 0;
  answering: boolean;
  private readonly waiters: Array<() => void> = [];

  private constructor(answering: boolean) {
    this.answering = answering;
  }

  static async start(answering: boolean): Promise<{ peer: Peer; port: number }> {
    const peer = new Peer(answering);
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: false });
    cleanups.push(() => {
      for (const c of wss.clients) c.terminate();
      wss.close();
    });
    wss.on('connection', (ws: WebSocket) => ws.on('ping', (data) => {
      peer.pings += 1;
      if (peer.answering) {
        ws.pong(data);
        ws.send(`after-pong:${peer.pings}`);
      }
      peer.waiters.splice(0).forEach((w) => w());
    }));
    await new Promise<void>((r) => wss.once('listening', () => r()));
    return { peer, port: (wss.address() as { port: number }).port };
  }

  /** Resolves once the peer has had `n` pings. */
  async sawPings(n: number): Promise<void> {
    while (this.pings < n) await new Promise<void>((r) => this.waiters.push(r));
  }
}

interface Client {
  socket: DataSocket;
  /** Resolves with the close reason when the socket reports itself closed. */
  closed: Promise<string>;
  /** Resolves once the client has read the peer's pong to ping `n` (and the text behind it). */
  readPong(n: number): Promise<'read'>;
}

async function open(port: number, clock: ManualTimer): Promise<Client> {
  let pongsRead = 0;
  const waiters: Array<() => void> = [];
  let onClosed!: (reason: string) => void;
  const closed = new Promise<string>((r) => (onClosed = r));
  const socket = await DataSocket.open(
    { streamUrl: `ws://127.0.0.1:${port}/v1/data-channel/s`, tokenValue: 't', clientId: 'c', clientVersion: 'v', livenessTimer: clock.timer },
    {
      message: (bytes, isBinary) => {
        const m = /^after-pong:(\d+)$/.exec(isBinary ? '' : Buffer.from(bytes).toString());
        if (m) pongsRead = Number(m[1]);
        waiters.splice(0).forEach((w) => w());
      },
      closed: (_code, reason) => onClosed(reason),
    },
  );
  cleanups.push(() => socket.close());
  const readPong = async (n: number): Promise<'read'> => {
    while (pongsRead < n) await new Promise<void>((r) => waiters.push(r));
    return 'read';
  };
  return { socket, closed, readPong };
}

/** terminate() leaves the socket CLOSING at once, so send() says whether a tick ended it. */
const stillOpen = (client: Client): boolean => client.socket.send(Uint8Array.of(1));

/** Ticks until the socket ends, at most `limit` times; how many it took, or undefined. */
function ticksUntilClosed(client: Client, clock: ManualTimer, limit: number): number | undefined {
  for (let i = 1; i <= limit; i++) {
    clock.tick();
    if (!stillOpen(client)) return i;
  }
  return undefined;
}

describe('DataSocket liveness', () => {
  it('leaves a peer that answered a ping and then stops answering within the silence bound, and says why', async () => {
    const clock = new ManualTimer();
    const { peer, port } = await Peer.start(true);
    const client = await open(port, clock);
    await client.readPong(1); // the ping sent on opening was answered: this peer pongs
    peer.answering = false;
    expect(ticksUntilClosed(client, clock, SILENCE_BOUND_TICKS)).toBeDefined();
    expect(await client.closed).toMatch(/^no reply from the gateway for \d+ s$/);
    expect(clock.running).toBe(0);
  });

  it('keeps a peer never seen to pong past the short bound (the gateway may not answer pings), and leaves it after the keepalive interval', async () => {
    const clock = new ManualTimer();
    const { peer, port } = await Peer.start(false);
    const client = await open(port, clock);
    await peer.sawPings(1); // the ping sent on opening reached a peer that will never answer it
    expect(ticksUntilClosed(client, clock, SILENCE_BOUND_TICKS)).toBeUndefined();
    expect(ticksUntilClosed(client, clock, NO_PONG_SILENCE_BOUND_TICKS)).toBeDefined();
    expect(await client.closed).toMatch(/^no reply from the gateway for \d+ s$/);
  });

  it('keeps a quiet peer that answers its probes, however long nothing else comes', async () => {
    const clock = new ManualTimer();
    const { peer, port } = await Peer.start(true);
    // Pings the client sent, counted where ws sends them; the peer counts those it got.
    const sent = vi.spyOn(WebSocket.prototype, 'ping');
    const client = await open(port, clock);
    await client.readPong(1);
    for (let i = 0; i < QUIET_BOUNDS * SILENCE_BOUND_TICKS; i++) {
      clock.tick();
      expect(stillOpen(client)).toBe(true);
      // A tick that probed: the live peer gets the ping and answers before the next tick.
      const pinged = sent.mock.calls.length;
      await peer.sawPings(pinged);
      await client.readPong(pinged);
    }
    expect(peer.pings).toBeGreaterThanOrEqual(QUIET_BOUNDS);
  });

  it('does not judge a paused reader (pongs cannot be read then), and judges again once it reads', async () => {
    const clock = new ManualTimer();
    const { peer, port } = await Peer.start(true);
    const client = await open(port, clock);
    await client.readPong(1);
    peer.answering = false;
    client.socket.pauseReading();
    expect(ticksUntilClosed(client, clock, PAUSED_BOUNDS * SILENCE_BOUND_TICKS)).toBeUndefined();
    client.socket.resumeReading();
    expect(ticksUntilClosed(client, clock, SILENCE_BOUND_TICKS)).toBeDefined();
    expect(await client.closed).toMatch(/no reply from the gateway/);
  });
});
