// The websocket keepalive judges the peer only while we read: a paused reader (flow control, a
// backgrounded terminal) cannot see pongs, so it must not take their absence for a dead link.
// A peer that really stops answering is still caught. Real websockets on loopback; only the ping
// interval is simulated (vitest's fake setInterval), so a loaded box whose event loop stalls past
// an interval cannot fire a ping before the last pong was read: every step waits on the socket
// events it needs (the peer saw ping N; the reply to ping N was read), never on the clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { DataSocket } from './socket.js';

/** The interval the socket is given; the fake clock advances by it, so its size costs no time. */
const PING_MS = 1000;
/** Intervals spent paused: the old code terminated on the second one. */
const PAUSED_INTERVALS = 5;
/** Intervals read after resuming, each ping answered before the next one fires. */
const RESUMED_INTERVALS = 3;

const cleanups: Array<() => void> = [];
beforeEach(() => {
  // Only the keepalive's timer: ws, the loopback sockets and the test's awaits keep real time.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(() => {
  cleanups.splice(0).forEach((f) => f());
  vi.useRealTimers();
});

/**
 * A loopback peer that counts the pings it gets. With autoPong it answers each one, then sends a
 * text message `after-pong:N` behind the pong: when the client reads that text, it has read pong N.
 */
class Peer {
  pings = 0;
  private readonly waiters: Array<() => void> = [];

  static async start(autoPong: boolean): Promise<{ peer: Peer; port: number }> {
    const peer = new Peer();
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong });
    cleanups.push(() => {
      for (const c of wss.clients) c.terminate();
      wss.close();
    });
    wss.on('connection', (ws: WebSocket) => ws.on('ping', () => {
      peer.pings += 1;
      if (autoPong) ws.send(`after-pong:${peer.pings}`); // ws sent the pong before emitting 'ping'
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
  /** Resolves when the socket reports itself closed. */
  closed: Promise<'closed'>;
  /** Resolves once the client has read the peer's pong to ping `n` (and the text behind it). */
  readPong(n: number): Promise<'read'>;
}

async function open(port: number): Promise<Client> {
  let pongsRead = 0;
  const waiters: Array<() => void> = [];
  let onClosed!: () => void;
  const closed = new Promise<'closed'>((r) => (onClosed = () => r('closed')));
  const socket = await DataSocket.open(
    { streamUrl: `ws://127.0.0.1:${port}/v1/data-channel/s`, tokenValue: 't', clientId: 'c', clientVersion: 'v', pingIntervalMs: PING_MS },
    {
      message: (bytes, isBinary) => {
        const m = /^after-pong:(\d+)$/.exec(isBinary ? '' : Buffer.from(bytes).toString());
        if (m) pongsRead = Number(m[1]);
        waiters.splice(0).forEach((w) => w());
      },
      closed: () => onClosed(),
    },
  );
  cleanups.push(() => socket.close());
  const readPong = async (n: number): Promise<'read'> => {
    while (pongsRead < n) await new Promise<void>((r) => waiters.push(r));
    return 'read';
  };
  return { socket, closed, readPong };
}

describe('DataSocket keepalive', () => {
  it('keeps the socket through many ping intervals while reading is paused, and after resuming', async () => {
    const { peer, port } = await Peer.start(true);
    const client = await open(port);
    await client.readPong(1); // the ping sent on opening, answered and read
    client.socket.pauseReading();
    for (let i = 1; i <= PAUSED_INTERVALS; i++) {
      vi.advanceTimersByTime(PING_MS);
      // terminate() leaves the socket CLOSING at once, so send() says whether this ping ended it.
      expect(client.socket.send(Uint8Array.of(1))).toBe(true);
      // Pings go on while paused; the peer answers, but nothing is read until resume.
      await peer.sawPings(1 + i);
    }
    client.socket.resumeReading();
    // The interval ends before the pongs that waited are read: the peer gets a fresh interval.
    vi.advanceTimersByTime(PING_MS);
    expect(client.socket.send(Uint8Array.of(1))).toBe(true);
    let pinged = 2 + PAUSED_INTERVALS;
    expect(await Promise.race([client.readPong(pinged), client.closed])).toBe('read');
    for (let i = 1; i <= RESUMED_INTERVALS; i++) {
      vi.advanceTimersByTime(PING_MS);
      pinged += 1;
      expect(await Promise.race([client.readPong(pinged), client.closed])).toBe('read');
    }
    expect(client.socket.send(Uint8Array.of(1))).toBe(true);
  });

  it('still closes a socket whose peer stops answering pings while we read', async () => {
    const { peer, port } = await Peer.start(false);
    const client = await open(port);
    await peer.sawPings(1); // the ping sent on opening reached a peer that will never answer it
    vi.advanceTimersByTime(PING_MS);
    // Ended by this interval's check, or still open and pinging again: whichever comes first.
    const outcome = await Promise.race([client.closed, peer.sawPings(2).then(() => 'pinged again')]);
    expect(outcome).toBe('closed');
  });
});
