// ResumeSession against sessions whose agent side ended (spec §9, §12.3): while the output tail
// and channel_closed still wait for the client the session is Terminating and resumable; once
// they were delivered it is Terminated and ResumeSession fails with DoesNotExistException.
// Real sandbox (API + gateway + agent with real processes), real websockets, the SDK.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { ResumeSessionCommand } from '@aws-sdk/client-ssm';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageType } from '../../../ssm/frame/index.js';
import { ShellSession } from '../../../ssm/shell/shell-session.js';
import type { CloseReason } from '../../../ssm/datachannel/types.js';
import { startHarness, type Harness } from '../../../../testing/ssm/sandbox-harness.js';
import { WireClient } from '../../../../testing/sandbox/gateway/wire-client.js';

/** The command prints its tail and exits this long after READY. */
const EXIT_AFTER_S = 1;
/** Poll period while waiting for the agent's side of the scenario. */
const POLL_MS = 20;
/** Generous bound on those waits (a loaded machine), so a wedge fails instead of hanging. */
const WAIT_MS = 60_000;

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(POLL_MS);
  }
}
const resume = (harness: Harness, sessionId: string) => harness.ssm.send(new ResumeSessionCommand({ SessionId: sessionId }));

async function errorName(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    return error instanceof Error ? error.name : String(error);
  }
  return 'no error';
}

describe('ResumeSession after the agent side ended', () => {
  it('resumes a Terminating session so its tail can be collected, then refuses it once Terminated', async () => {
    h = await startHarness();
    const creds = h.addSession({ type: 'NonInteractiveCommands', command: 'echo tail-$((6*7))', separateOutputStream: true });
    // The output reaches the client but is never acked: it is the tail the agent must keep.
    const c1 = await WireClient.open(creds.streamUrl, creds.tokenValue, { autoAck: false, answerHandshake: true });
    await c1.waitFor(() => c1.outputText() === 'tail-42\n', 'the output, unacked');
    c1.close();
    await c1.closed;
    await until(() => h?.gateway.host(creds.sessionId)?.stats.finished === true, "the agent's end, past its drain");
    const session = h.sandbox.registry.get(creds.sessionId);
    expect(session?.state).toBe('Terminating');

    const out = await resume(h, creds.sessionId);
    expect(out.SessionId).toBe(creds.sessionId);
    expect(out.TokenValue).toBeTruthy();
    expect(out.TokenValue).not.toBe(creds.tokenValue);
    const c2 = await WireClient.open(creds.streamUrl, out.TokenValue ?? '');
    await c2.waitFor(() => c2.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
    expect(c2.outputText()).toBe('tail-42\n');
    expect(session?.state).toBe('Terminated');

    expect(await errorName(resume(h, creds.sessionId))).toBe('DoesNotExistException');
    expect(await errorName(resume(h, 'no-such-session'))).toBe('DoesNotExistException');
  });

  it('a session ended by TerminateSession while its client is away cannot be resumed', async () => {
    h = await startHarness();
    const creds = h.addSession({ type: 'Standard_Stream' });
    const c1 = await WireClient.open(creds.streamUrl, creds.tokenValue);
    await c1.waitFor(() => c1.stream.length > 0, 'prompt');
    c1.close();
    await c1.closed;
    h.sandbox.registry.terminate(creds.sessionId, 'Session terminated by TerminateSession.');
    await until(() => h?.gateway.host(creds.sessionId)?.stats.finished === true, "the agent's end, past its drain");
    expect(h.sandbox.registry.get(creds.sessionId)?.state).toBe('Terminated');
    expect(await errorName(resume(h, creds.sessionId))).toBe('DoesNotExistException');
  });

  it('loses no output when the websocket drops as the command exits and the client is away past the drain', async () => {
    const harness = (h = await startHarness());
    const command = 'echo READY; seq 1 60000';
    const local = spawnSync('/bin/sh', ['-c', command]).stdout;
    const expected = createHash('sha256').update(local).digest('hex');
    const creds = harness.addSession({ type: 'NonInteractiveCommands', command: command.replace('; ', `; sleep ${EXIT_AFTER_S}; `), separateOutputStream: true });
    let states: string[] = [];
    const host = () => harness.gateway.host(creds.sessionId);
    // The client's ResumeSession only goes out once the agent has given up waiting for acks.
    const resumeLate = async (id: string) => {
      await until(() => host()?.stats.finished === true, "the agent's end");
      states = [...states, harness.sandbox.registry.get(id)?.state ?? 'gone'];
      harness.gateway.faults.set(id, {});
      return harness.resumeSession(id);
    };
    const shell = new ShellSession({ credentials: creds, target: creds.target, size: { cols: 80, rows: 24 }, resumeSession: resumeLate });
    const closed = new Promise<CloseReason>((resolve) => shell.on('closed', resolve));
    const hash = createHash('sha256');
    let ready = false;
    let killed: Promise<unknown> = Promise.resolve();
    shell.on('output', (b, stream) => {
      if (stream !== 'stdout') return;
      hash.update(b);
      if (ready) return;
      ready = true;
      // The link goes dark for output before the command prints its tail and exits; once the
      // agent has sent it all (the command is done) the socket dies, within the 2 s drain.
      const dark = { toClient: { drop: 1, types: ['output_stream_data'] } };
      harness.gateway.faults.set(creds.sessionId, dark);
      // Encoded frames outweigh their payloads: this holds by the time the last bytes went out
      // (maybe a little before), either way well inside the drain that follows the exit.
      killed = until(() => (host()?.agent.channel.unackedBytes ?? 0) > local.length, 'the whole tail sent').then(() =>
        harness.gateway.faults.set(creds.sessionId, { ...dark, actions: [{ do: 'kill-socket' }] }),
      );
    });
    await shell.open();
    const reason = await closed;
    await killed;
    expect(states).toEqual(['Terminating']);
    expect(reason.kind).toBe('channel-closed');
    expect(hash.digest('hex')).toBe(expected);
    expect(shell.exitCode).toBe(0);
  });
});
