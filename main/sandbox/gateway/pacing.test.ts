// Pacing modes (issue 3 part 4): `faithful` spaces the agent's ≤ 1024-byte messages by the
// real agent's 1 ms pause; `unpaced` sends as fast as it can. Both deliver identical bytes.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageType, PayloadType } from '../../ssm/frame/index.js';
import type { PacingMode } from '../agent/constants.js';
import { PUMP } from '../agent/output-pump.js';
import { startFixture, type Fixture } from '../../../testing/sandbox/gateway/sandbox-fixture.js';
import { startEchoServer, type EchoServer } from '../../../testing/sandbox/gateway/tcp-servers.js';
import { WireClient } from '../../../testing/sandbox/gateway/wire-client.js';

let fx: Fixture | undefined;
let echo: EchoServer | undefined;
afterEach(async () => {
  await fx?.close();
  await echo?.close();
});

/** Echoes `bytes` through a basic-mode port session; returns the agent's PT 1 frames. */
async function echoThrough(pacing: PacingMode, data: string) {
  fx = await startFixture({ pacing });
  echo = await startEchoServer();
  const s = fx.addSession({ type: 'Port', properties: { portNumber: '7', type: 'LocalPortForwarding' }, host: 'localhost', portNumber: 7, dial: { host: '127.0.0.1', port: echo.port } });
  const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue, { clientVersion: '1.1.0.0' });
  await client.waitFor(() => client.stream.length === 1, 'HandshakeRequest');
  client.send(PayloadType.HandshakeResponse, JSON.stringify({ ClientVersion: '1.1.0.0', ProcessedClientActions: [{ ActionType: 'SessionType', ActionStatus: 1 }] }));
  await client.waitFor(() => client.stream.length === 2 && echo?.open.size === 1, 'handshake and dial');
  // One big write: the echo comes back in large reads the agent must cut into ≤ 1024-byte messages.
  const destination = [...(echo?.open ?? [])][0];
  destination?.write(data);
  await client.waitFor(() => client.outputText().length === data.length, 'all bytes');
  client.close();
  return { text: client.outputText(), frames: client.stream.filter((f) => f.messageType === MessageType.OutputStreamData && f.payloadType === PayloadType.Output) };
}

describe('pacing', () => {
  const data = randomBytes(100 * 1024).toString('hex'); // 200 KB → ≥ 200 messages

  it('faithful: one message per ms on average, like the agent (a late pump catches up by a bounded burst)', async () => {
    const { text, frames } = await echoThrough('faithful', data);
    expect(text).toBe(data);
    expect(frames.length).toBeGreaterThanOrEqual(200);
    expect(frames.every((f) => f.payload.length <= 1024)).toBe(true);
    // The schedule gives message k a slot no earlier than k ms after the first, less the bounded
    // catch-up; createdDate has whole milliseconds, so each end may round by up to 1 ms.
    const span = (frames.at(-1)?.createdDate ?? 0) - (frames[0]?.createdDate ?? 0);
    expect(span).toBeGreaterThanOrEqual(frames.length - 1 - PUMP.MAX_CATCH_UP_MS - 2);
  });

  it('unpaced: same bytes, same message sizes', async () => {
    const { text, frames } = await echoThrough('unpaced', data);
    expect(text).toBe(data);
    expect(frames.every((f) => f.payload.length <= 1024)).toBe(true);
    expect(frames.length).toBeGreaterThanOrEqual(200);
  });
});
