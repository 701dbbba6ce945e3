// The gateway's upgrade listener against hostile clients over raw sockets: a path that cannot be
// decoded gets a 404, and a client resetting after a refusal costs only its own connection.
// A throw in the upgrade listener would be an uncaught exception in the whole app.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayloadType } from '../../ssm/frame/index.js';
import { startFixture, type Fixture } from '../../../testing/sandbox/gateway/sandbox-fixture.js';
import { WireClient } from '../../../testing/sandbox/gateway/wire-client.js';

/** Long enough for a reset to be read by the server on a loaded machine. */
const SETTLE_MS = 300;

let fx: Fixture;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown): void => void uncaught.push(error);

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  fx = await startFixture();
});
afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  await fx.close();
});

const upgrade = (path: string): string =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${fx.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';

/** Writes the request; resolves with the first answer, after resetting (RST) if asked to. */
function firstAnswer(text: string, reset: boolean): Promise<string> {
  return new Promise((resolve) => {
    const c = connect(fx.port, '127.0.0.1', () => c.write(text));
    c.on('error', () => undefined);
    c.once('data', (d: Buffer) => {
      if (reset) c.resetAndDestroy();
      else c.destroy();
      resolve(d.toString('latin1'));
    });
  });
}

describe('gateway upgrade against hostile clients', () => {
  it('answers 404 to a session path with broken percent-encoding or an unparsable target', async () => {
    expect(await firstAnswer(upgrade('/v1/data-channel/%E0%A4%A'), false)).toMatch(/^HTTP\/1\.1 404/);
    expect(await firstAnswer(upgrade('http://['), false)).toMatch(/^HTTP\/1\.1 404/);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    expect(uncaught).toEqual([]);
  });

  it('survives a client that resets right after its 404, and still serves sessions', async () => {
    for (let i = 0; i < 3; i++) expect(await firstAnswer(upgrade('/elsewhere'), true)).toMatch(/^HTTP\/1\.1 404/);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    expect(uncaught).toEqual([]);
    const s = fx.addSession({ type: 'Standard_Stream' });
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    client.send(PayloadType.Output, 'echo alive-$((40+2))\n');
    await client.waitFor(() => client.outputText().includes('alive-42'), 'output after the resets');
    client.close();
  });
});
