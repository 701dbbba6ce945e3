// The gateway's open handshake and token check over real websockets, and isolation between
// sessions: a refused socket never disturbs a live one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MessageType, PayloadType, decodeChannelClosed } from '../../ssm/frame/index.js';
import { CloseCode } from './constants.js';
import { startFixture, type Fixture } from '../../../testing/sandbox/gateway/sandbox-fixture.js';
import { WireClient } from '../../../testing/sandbox/gateway/wire-client.js';

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => {
  await fx.close();
});

const shell = { type: 'Standard_Stream' } as const;

describe('gateway open', () => {
  it('closes a wrong token with 4401 while a concurrent good session keeps working', async () => {
    const good = fx.addSession(shell);
    const bad = fx.addSession(shell);
    const client = await WireClient.open(fx.url(good.sessionId), good.tokenValue);
    const intruder = await WireClient.open(fx.url(bad.sessionId), 'not-the-token');
    expect(await intruder.closed).toEqual({ code: CloseCode.InvalidToken, reason: 'invalid token for this session' });
    const wrongSession = await WireClient.open(fx.url(bad.sessionId), good.tokenValue);
    expect((await wrongSession.closed).code).toBe(CloseCode.InvalidToken);

    client.send(PayloadType.Output, 'echo still-$((40+2))\n');
    await client.waitFor(() => client.outputText().includes('still-42'), 'output of the good session');
    expect(fx.registry.get(bad.sessionId)?.state).toBe('Pending');
    client.close();
  });

  it('refuses unknown sessions, expired tokens, binary-first and non-JSON opens with their codes', async () => {
    const s = fx.addSession(shell, { tokenExpiresAt: Date.now() - 1 });
    const unknown = await WireClient.open(fx.url('no-such-session'), 'x');
    expect((await unknown.closed).code).toBe(CloseCode.UnknownSession);
    const expired = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    expect(await expired.closed).toEqual({ code: CloseCode.ExpiredToken, reason: 'token expired; call ResumeSession for a new one' });

    for (const first of [Buffer.from([1, 2, 3]), 'not json', '{"RequestId":"x"}']) {
      const ws = new WebSocket(fx.url(s.sessionId));
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      await new Promise((resolve) => ws.once('open', resolve));
      ws.send(first, { binary: typeof first !== 'string' });
      expect(await closed).toBe(CloseCode.BadOpenRequest);
    }
  });

  it('answers 404 to upgrades outside /v1/data-channel/', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${fx.port}/elsewhere`);
    const status = await new Promise<number | undefined>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.on('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
  });

  it('accepts camelCase OpenDataChannel keys like Go does', async () => {
    const s = fx.addSession(shell);
    const ws = new WebSocket(fx.url(s.sessionId));
    await new Promise((resolve) => ws.once('open', resolve));
    const first = new Promise<Buffer>((resolve) => ws.once('message', (d) => resolve(d as Buffer)));
    ws.send(JSON.stringify({ messageSchemaVersion: '1.0', requestId: 'r', tokenValue: s.tokenValue }));
    expect((await first).length).toBeGreaterThan(120);
    ws.terminate();
  });

  it('ends the session on registry terminate with channel_closed, also for a client that returns later', async () => {
    const s = fx.addSession(shell);
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    await client.waitFor(() => client.stream.length > 0, 'first output');
    fx.registry.terminate(s.sessionId, 'Session terminated by TerminateSession.');
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length === 1, 'channel_closed');
    const cc = decodeChannelClosed((client.frames(MessageType.ChannelClosed)[0] as { payload: Uint8Array }).payload);
    expect(cc).toMatchObject({ sessionId: s.sessionId, destinationId: s.target, output: '' });
    expect((await client.closed).code).toBe(CloseCode.Normal);
    // The ended session's host still tells a returning client it is over.
    const late = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    await late.waitFor(() => late.frames(MessageType.ChannelClosed).length === 1, 'channel_closed for a late client');
  });

  it("sends the Output a registry terminate gives (Session Manager's own limits) in channel_closed", async () => {
    const s = fx.addSession(shell);
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    await client.waitFor(() => client.stream.length > 0, 'first output');
    fx.registry.terminate(s.sessionId, 'maximum session duration', 'Your session has reached the maximum session duration and has been terminated.');
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length === 1, 'channel_closed');
    const cc = decodeChannelClosed((client.frames(MessageType.ChannelClosed)[0] as { payload: Uint8Array }).payload);
    expect(cc).toMatchObject({ sessionId: s.sessionId, output: 'Your session has reached the maximum session duration and has been terminated.' });
    expect((await client.closed).code).toBe(CloseCode.Normal);
  });
});
