// Each way a data channel fails names its cause where it happens (CloseReason 'failed'), so what is
// told at the end (the drop-in's closing line) never reads the words of the message; and a gateway
// that takes the connection and says nothing is given up on at the dial's deadline (the drop-in's,
// set here), not after every attempt's own upgrade timeout. Against a scripted agent and a silent local server; no sleeps.
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedAgent, type ScriptedAgent } from '../../../testing/ssm/scripted-agent.js';
import { startSilentServer } from '../../../testing/aws/silent-server.js';
import { within } from '../../../testing/vitest/bounded.js';
import { ResumeRefused } from '../connection/session-gone.js';
import { PayloadType } from '../frame/index.js';
import { DataChannel } from './data-channel.js';
import type { CloseReason, DataChannelOptions } from './types.js';

/** A deadline far below the upgrade timeout of one attempt (Connection.DIAL_TIMEOUT_MS): only the deadline can end the dial in time. */
const TEST_DIAL_DEADLINE_MS = 400;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function channel(options: DataChannelOptions): { dc: DataChannel; closed: Promise<CloseReason> } {
  const dc = new DataChannel(options);
  cleanups.push(() => dc.close());
  const closed = new Promise<CloseReason>((resolve) => dc.on('closed', resolve));
  return { dc, closed };
}

async function agent(): Promise<ScriptedAgent> {
  const a = await startScriptedAgent();
  cleanups.push(() => a.close());
  return a;
}

/** A session past its first output (so the connection counts as working), then its connection dropped. */
async function dropAfterOutput(resumeSession: (id: string) => Promise<string | undefined>): Promise<CloseReason> {
  const a = await agent();
  const { dc, closed } = channel({ credentials: a.credentials, resumeSession });
  dc.setHandler({ deliver: () => 'accepted' });
  const ready = new Promise((resolve) => dc.on('ready', resolve));
  await dc.open();
  await a.connected();
  a.output(0, 'hello');
  await ready;
  await expect.poll(() => a.acked.includes(0)).toBe(true);
  dc.dropConnection();
  return within('the channel to close', closed);
}

describe('a failed data channel names its cause', () => {
  it('session-ended: ResumeSession gave no token', async () => {
    expect(await dropAfterOutput(async () => undefined)).toMatchObject({ kind: 'failed', cause: 'session-ended' });
  });

  it('resume-refused: ResumeSession refused for good', async () => {
    const reason = await dropAfterOutput(async () => { throw new ResumeRefused('not authorized to perform ssm:ResumeSession'); });
    expect(reason).toMatchObject({ kind: 'failed', cause: 'resume-refused', message: expect.stringMatching(/ssm:ResumeSession/) });
  });

  it('handshake: a malformed HandshakeRequest', async () => {
    const a = await agent();
    const { dc, closed } = channel({ credentials: a.credentials });
    await dc.open();
    await a.connected();
    a.stream(0, PayloadType.HandshakeRequest, new TextEncoder().encode('{not json'));
    expect(await within('the channel to close', closed)).toMatchObject({ kind: 'failed', cause: 'handshake', message: expect.stringMatching(/HandshakeRequest/) });
  });

  it('protocol: an agent message the session cannot process', async () => {
    const a = await agent();
    const { dc, closed } = channel({ credentials: a.credentials });
    dc.setHandler({ deliver: () => { throw new Error('cannot decode this output'); } });
    await dc.open();
    await a.connected();
    a.output(0, 'hello');
    expect(await within('the channel to close', closed)).toMatchObject({ kind: 'failed', cause: 'protocol', message: expect.stringMatching(/cannot decode this output/) });
  });

  it('unreachable: a gateway that takes the connection and never answers is left at the dial deadline', async () => {
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    const url = `${silent.url.replace(/^http/, 'ws')}/v1/data-channel/s-silent?role=publish_subscribe`;
    const { dc, closed } = channel({ credentials: { sessionId: 's-silent', tokenValue: 't', streamUrl: url }, dialDeadlineMs: TEST_DIAL_DEADLINE_MS });
    void dc.open(); // resolves only once the dial ended: the bound below names the wait instead
    const reason = await within('the open to give up on the silent gateway', closed);
    expect(reason).toMatchObject({ kind: 'failed', cause: 'unreachable', message: expect.stringMatching(/^could not open the data channel after \d+ attempts?: nothing answered within/) });
    expect(silent.connections()).toBeGreaterThanOrEqual(1);
  });
});
