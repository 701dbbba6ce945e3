import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SMUX, SmuxCmd } from './constants.js';
import { SmuxError } from './errors.js';
import { encodeFrame } from './frame.js';
import { SmuxFrameReader } from './frame-reader.js';
import { SmuxSession } from './session.js';
import { socketPair } from '../../../testing/ssm/smux/socket-pair.js';
import { smuxOverSocket } from './socket-transport.js';
import type { SmuxStream } from './stream.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function readAll(stream: SmuxStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('SmuxSession over a real TCP socket', () => {
  it('opens client streams 3, 5, 7 and echoes through a server that pipes each stream back', async () => {
    const [a, b] = await socketPair(cleanups);
    const server = smuxOverSocket(a, { role: 'server', keepAlive: false });
    server.on('stream', (s) => s.pipe(s));
    const client = smuxOverSocket(b, { role: 'client', keepAlive: false });
    const streams = [client.openStream(), client.openStream(), client.openStream()];
    expect(streams.map((s) => s.id)).toEqual([3, 5, 7]);
    const replies = streams.map((s, i) => {
      s.end(`hello ${i}`);
      return readAll(s);
    });
    expect((await Promise.all(replies)).map(String)).toEqual(['hello 0', 'hello 1', 'hello 2']);
  });

  it('lets the server role open even-numbered streams that the client accepts', async () => {
    const [a, b] = await socketPair(cleanups);
    const server = smuxOverSocket(a, { role: 'server', keepAlive: false });
    const client = smuxOverSocket(b, { role: 'client', keepAlive: false });
    const accepted = client.next('stream');
    const s = server.openStream();
    s.end('from server');
    const [peer] = await accepted;
    expect([s.id, peer.id]).toEqual([2, 2]);
    expect(String(await readAll(peer))).toBe('from server');
  });

  it('carries 8 concurrent streams of 2 MB each way intact', async () => {
    const [a, b] = await socketPair(cleanups);
    const server = smuxOverSocket(a, { role: 'server', keepAlive: false });
    server.on('stream', (s) => s.pipe(s));
    const client = smuxOverSocket(b, { role: 'client', keepAlive: false });
    const results = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const payload = randomBytes(2 * 1024 * 1024);
        const s = client.openStream();
        const reply = readAll(s);
        s.end(payload);
        return [sha(payload), sha(await reply)];
      }),
    );
    for (const [sent, got] of results) expect(got).toBe(sent);
    expect(client.streamCount).toBe(0);
    expect(server.streamCount).toBe(0);
  });

  it('ends the session with a typed error on a bad version, destroying its streams', async () => {
    const [a, b] = await socketPair(cleanups);
    const server = smuxOverSocket(a, { role: 'server', keepAlive: false });
    const streamSeen = server.next('stream');
    b.write(encodeFrame(SmuxCmd.SYN, 3));
    const [stream] = await streamSeen;
    const streamError = once(stream, 'error') as Promise<[Error]>;
    const closed = server.next('close');
    b.write(Buffer.from('0200000003000000', 'hex'));
    const [error] = await closed;
    expect(error).toBeInstanceOf(SmuxError);
    expect(error?.code).toBe('bad-version');
    expect((await streamError)[0]).toBe(error);
    await once(b, 'close'); // the transport is torn down, the process carries on
  });

  it('handles the good frames that arrive in the same chunk as a malformed one before closing', async () => {
    const [a, b] = await socketPair(cleanups);
    const server = smuxOverSocket(a, { role: 'server', keepAlive: false });
    const streams: SmuxStream[] = [];
    server.on('stream', (s) => streams.push(s));
    const closed = server.next('close');
    const received: Buffer[] = [];
    server.on('stream', (s) => s.on('data', (d: Buffer) => received.push(d)).on('error', () => undefined));
    // One write, so the frames reach the session as one chunk: SYN, data, then a bad cmd.
    b.write(Buffer.concat([encodeFrame(SmuxCmd.SYN, 3), encodeFrame(SmuxCmd.PSH, 3, Buffer.from('delivered')), Buffer.from('01ee000003000000', 'hex')]));
    const [error] = await closed;
    expect(error).toBeInstanceOf(SmuxError);
    expect(error?.code).toBe('bad-command');
    expect(streams.map((s) => s.id)).toEqual([3]);
    expect(Buffer.concat(received).toString()).toBe('delivered');
  });

  it('ignores a SYN for an open id and discards PSH for an unknown id', async () => {
    const sent: Buffer[] = [];
    const server = new SmuxSession({ role: 'server', keepAlive: false, send: (x) => (sent.push(Buffer.from(x)), true) });
    const streams: SmuxStream[] = [];
    server.on('stream', (s) => streams.push(s));
    server.receive(Buffer.concat([encodeFrame(SmuxCmd.SYN, 3), encodeFrame(SmuxCmd.SYN, 3), encodeFrame(SmuxCmd.PSH, 9, Buffer.from('lost'))]));
    server.receive(Buffer.concat([encodeFrame(SmuxCmd.PSH, 3, Buffer.from('kept')), encodeFrame(SmuxCmd.FIN, 3)]));
    expect(streams.length).toBe(1);
    expect(String(await readAll(streams[0]!))).toBe('kept');
    server.close();
  });
});

describe('SmuxSession keepalive', () => {
  it('sends NOPs and closes with keepalive-timeout when the peer stays silent', async () => {
    const [a, b] = await socketPair(cleanups);
    const frames = new SmuxFrameReader();
    const seen: number[] = [];
    a.on('data', (d: Buffer) => seen.push(...frames.push(d).map((f) => f.cmd)));
    // The timeout spans many intervals so a loaded machine's late timers still leave several NOPs.
    const client = smuxOverSocket(b, { role: 'client', keepAlive: true, keepAliveIntervalMs: 20, keepAliveTimeoutMs: 500 });
    const [error] = (await client.next('close')) as [SmuxError];
    expect(error.code).toBe('keepalive-timeout');
    expect(seen.filter((c) => c === SmuxCmd.NOP).length).toBeGreaterThanOrEqual(2);
  });

  it('stays up while the peer sends NOPs, and sends none when keepalive is off', async () => {
    const [a, b] = await socketPair(cleanups);
    const server = smuxOverSocket(a, { role: 'server', keepAlive: false });
    const frames = new SmuxFrameReader();
    const fromServer: number[] = [];
    b.on('data', (d: Buffer) => fromServer.push(...frames.push(d).map((f) => f.cmd)));
    a.on('data', () => undefined);
    // Fake timers: the keepalive's windows are judged on the test's clock, not a loaded box's.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    try {
      const client = new SmuxSession({ role: 'client', keepAlive: true, keepAliveIntervalMs: 30, keepAliveTimeoutMs: 120, send: (x) => b.write(x) });
      // The peer (server role, keepalive off) is silent, so feed NOPs by hand as a live peer
      // would: one every 30 ms for four keepalive timeouts.
      for (let ms = 0; ms < 4 * 120; ms += 30) {
        client.receive(encodeFrame(SmuxCmd.NOP, 0));
        await vi.advanceTimersByTimeAsync(30);
      }
      expect(client.closed).toBe(false);
      // The check is live: once the NOPs stop, the same client gives up within two timeouts.
      await vi.advanceTimersByTimeAsync(2 * 120);
      expect(client.closed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    expect(fromServer).toEqual([]);
    server.close();
  });
});

describe('SmuxSession flow control', () => {
  it('pauses input when one stream holds too much unread data and resumes once it is read', async () => {
    const server = new SmuxSession({ role: 'server', keepAlive: false, send: () => true, streamReceiveLimit: 4096 });
    const streams: SmuxStream[] = [];
    server.on('stream', (s) => streams.push(s));
    const events: string[] = [];
    server.on('inputPaused', () => events.push('paused'));
    server.on('inputResumed', () => events.push('resumed'));
    server.receive(Buffer.concat([encodeFrame(SmuxCmd.SYN, 3), encodeFrame(SmuxCmd.SYN, 5)]));
    server.receive(encodeFrame(SmuxCmd.PSH, 5, Buffer.alloc(1000, 5)));
    expect(server.acceptingInput).toBe(true);
    server.receive(encodeFrame(SmuxCmd.PSH, 3, Buffer.alloc(5000, 3)));
    expect(server.acceptingInput).toBe(false);
    expect(events).toEqual(['paused']);
    expect(streams[1]!.read()).toEqual(Buffer.alloc(1000, 5)); // the other stream's data was delivered
    expect(server.acceptingInput).toBe(false);
    streams[0]!.read();
    await new Promise((r) => process.nextTick(r));
    expect(server.acceptingInput).toBe(true);
    expect(events).toEqual(['paused', 'resumed']);
    server.close();
  });

  it('resumes while a piped reader is still working through the first half of its buffer', async () => {
    const limit = 64 * 1024;
    const server = new SmuxSession({ role: 'server', keepAlive: false, send: () => true, streamReceiveLimit: limit });
    const streams: SmuxStream[] = [];
    server.on('stream', (s) => streams.push(s));
    server.receive(encodeFrame(SmuxCmd.SYN, 3));
    // Eight 8 KiB frames reach the limit.
    for (let i = 0; i < 8; i++) server.receive(encodeFrame(SmuxCmd.PSH, 3, Buffer.alloc(8 * 1024, i)));
    expect(server.acceptingInput).toBe(false);
    // A flowing reader (what pipe() does) that records how much was still buffered at 'inputResumed'.
    let bufferedAtResume = -1;
    server.on('inputResumed', () => (bufferedAtResume = streams[0]!.readableLength));
    streams[0]!.on('data', () => undefined);
    await new Promise((r) => setImmediate(r));
    expect(server.acceptingInput).toBe(true);
    // Resumed at the resume mark (half the limit), not only once the buffer was empty.
    expect(bufferedAtResume).toBeGreaterThan(0);
    expect(bufferedAtResume).toBeLessThan(limit * SMUX.RESUME_FRACTION);
    server.close();
  });

  it('holds stream writes while the transport is congested and releases them on drain', async () => {
    let congested = true;
    const sent: Buffer[] = [];
    const client = new SmuxSession({ role: 'client', keepAlive: false, send: (x) => (sent.push(Buffer.from(x)), !congested) });
    const s = client.openStream();
    let written = false;
    s.write(Buffer.alloc(100), () => (written = true));
    await new Promise((r) => setImmediate(r));
    expect(written).toBe(false);
    expect(sent.length).toBe(2); // SYN + the PSH itself: taken, but the writer must wait
    congested = false;
    client.notifyDrain();
    await new Promise((r) => setImmediate(r));
    expect(written).toBe(true);
    client.close();
  });
});

describe('SmuxSession sendParts', () => {
  it('sends each PSH frame as header and data that join to exactly what send would get whole', async () => {
    const whole: Buffer[] = [];
    const parts: Buffer[] = [];
    const headers: number[] = [];
    const viaSend = new SmuxSession({ role: 'client', keepAlive: false, send: (x) => (whole.push(Buffer.from(x)), true) });
    const viaParts = new SmuxSession({
      role: 'client',
      keepAlive: false,
      send: (x) => (parts.push(Buffer.from(x)), true),
      sendParts: (header, data) => (headers.push(header.length), parts.push(Buffer.from(header), Buffer.from(data)), true),
    });
    // Bigger than one frame (MAX_FRAME_SIZE), so the data is cut into several PSH frames.
    const data = Buffer.from(Array.from({ length: 70_001 }, (_, i) => (i * 7) & 0xff));
    for (const session of [viaSend, viaParts]) {
      const stream = session.openStream();
      await new Promise<void>((resolve) => stream.write(data, () => resolve()));
      await new Promise<void>((resolve) => stream.end(() => resolve()));
      session.close();
    }
    expect(headers).toEqual([8, 8, 8]);
    expect(Buffer.concat(parts).equals(Buffer.concat(whole))).toBe(true);
  });
});

