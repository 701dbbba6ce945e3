// The end of a session (§3.6, §4.3): channel_closed with agent output still missing below frames
// that did arrive must say that output was lost; with nothing missing it is a normal end.
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedAgent, type ScriptedAgent } from '../../../testing/ssm/scripted-agent.js';
import { DataChannel } from './data-channel.js';
import type { CloseReason } from './types.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function session(): Promise<{ agent: ScriptedAgent; dc: DataChannel; output: string[]; closed: Promise<CloseReason> }> {
  const agent = await startScriptedAgent();
  cleanups.push(() => agent.close());
  const dc = new DataChannel({ credentials: agent.credentials });
  cleanups.push(() => dc.close());
  const output: string[] = [];
  dc.setHandler({ deliver: (_pt, payload) => (output.push(new TextDecoder().decode(payload)), 'accepted') });
  const closed = new Promise<CloseReason>((resolve) => dc.on('closed', resolve));
  await dc.open();
  await agent.connected();
  return { agent, dc, output, closed };
}

/** Waits until the client acked these sequence numbers (so the frames are in, in order or buffered). */
async function ackedAll(agent: ScriptedAgent, seqs: number[]): Promise<void> {
  await expect.poll(() => seqs.every((s) => agent.acked.includes(s)), { timeout: 10_000 }).toBe(true);
}

describe('DataChannel at channel_closed', () => {
  it('reports the output lost when frames are missing below ones it holds', async () => {
    const { agent, output, closed } = await session();
    agent.output(0, 'first ');
    agent.output(2, 'third ');
    agent.output(3, 'fourth');
    await ackedAll(agent, [0, 2, 3]); // 2 and 3 are acked on arrival and held for order
    agent.channelClosed();
    const reason = await closed;
    expect(output.join('')).toBe('first ');
    expect(reason).toMatchObject({ kind: 'channel-closed', output: '', lostOutput: { firstMissingSeq: 1, lastMissingSeq: 1, discardedFrames: 2 } });
    expect(reason.message).toMatch(/^Exiting session with sessionId: scripted-session\. Some output was lost: .*message 1 .*2 later messages/);
  });

  it('names a range of missing messages and keeps the agent\'s Output text', async () => {
    const { agent, closed } = await session();
    agent.output(0, 'a');
    agent.output(4, 'e');
    await ackedAll(agent, [0, 4]);
    agent.channelClosed('Session terminated by the administrator.');
    const reason = await closed;
    expect(reason).toMatchObject({ kind: 'channel-closed', output: 'Session terminated by the administrator.', lostOutput: { firstMissingSeq: 1, lastMissingSeq: 3, discardedFrames: 1 } });
    expect(reason.message).toMatch(/^Session terminated by the administrator\. Some output was lost: .*messages 1–3 .*1 later message could not/);
  });

  it('is a normal end when every frame arrived', async () => {
    const { agent, output, closed } = await session();
    agent.output(0, 'one ');
    agent.output(1, 'two');
    await ackedAll(agent, [0, 1]);
    agent.channelClosed();
    const reason = await closed;
    expect(output.join('')).toBe('one two');
    expect(reason).toEqual({ kind: 'channel-closed', output: '', message: 'Exiting session with sessionId: scripted-session.' });
  });
});
