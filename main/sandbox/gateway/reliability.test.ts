// The agent's reliability quirks (§4.3, §4.6) and resume (§5, §9) over a real websocket:
// duplicates re-acked, "not ready" = no ack, out-of-order frames acked and held, and a
// re-opened socket getting every unacked frame again.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageType, PayloadType, type ClientMessage } from '../../ssm/frame/index.js';
import { startFixture, type Fixture } from '../../../testing/sandbox/gateway/sandbox-fixture.js';
import { RESEND_MS, WireClient } from '../../../testing/sandbox/gateway/wire-client.js';
import { AGENT } from '../agent/constants.js';

/** Past the agent's close drain (AGENT.CLOSE_DRAIN_MS) by a margin for a loaded machine's late timer. */
const PAST_AGENT_DRAIN_MS = AGENT.CLOSE_DRAIN_MS + 500;

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('agent reliability', () => {
  it('re-acks a duplicate (the plugin would not) and processes it once', async () => {
    fx = await startFixture();
    const s = fx.addSession({ type: 'Standard_Stream' });
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue, { retransmit: false });
    await client.waitFor(() => client.stream.length > 0, 'prompt');
    const frame = client.send(PayloadType.Output, 'echo once-$((1+1))\n');
    await client.waitFor(() => client.ackedSeqs().length === 1, 'first ack');
    client.sendRaw(frame);
    client.sendRaw(frame);
    await client.waitFor(() => client.ackedSeqs().length === 3, 're-acks of the duplicates');
    expect(client.ackedSeqs()).toEqual([0, 0, 0]);
    await client.waitFor(() => client.outputText().includes('once-2'), 'output');
    client.send(PayloadType.Output, 'echo end\n');
    await client.waitFor(() => client.outputText().includes('end\r\n'), 'later output');
    expect(client.outputText().match(/once-2/g)).toHaveLength(1);
    client.close();
  });

  it('does not ack while the pty does not exist yet, and acks the retransmission once it does', async () => {
    fx = await startFixture({ shellStartDelayMs: 1_500 });
    const s = fx.addSession({ type: 'Standard_Stream' });
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    client.send(PayloadType.Size, '{"cols":90,"rows":20}');
    await new Promise((resolve) => setTimeout(resolve, 4 * RESEND_MS));
    expect(client.ackedSeqs()).toEqual([]);
    expect(client.resent).toBeGreaterThan(0);
    await client.waitFor(() => client.ackedSeqs().includes(0), 'ack once the pty exists');
    client.send(PayloadType.Output, 'stty size\n');
    await client.waitFor(() => client.outputText().includes('20 90'), 'the size applied');
    client.close();
  });

  it('acks a frame from the future at once and delivers it after the gap is filled', async () => {
    fx = await startFixture();
    const s = fx.addSession({ type: 'Standard_Stream' });
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue, { retransmit: false });
    await client.waitFor(() => client.stream.length > 0, 'prompt');
    const first = client.build(PayloadType.Output, 'echo A');
    const second = client.build(PayloadType.Output, '-$((2+3))\n');
    client.sendRaw(second);
    await client.waitFor(() => client.ackedSeqs().includes(1), 'ack of the early frame');
    expect(client.outputText()).not.toContain('echo A');
    client.sendRaw(first);
    await client.waitFor(() => client.outputText().includes('A-5'), 'reassembled input');
    expect(client.ackedSeqs()).toEqual([1, 0]);
    client.close();
  });

  it('keeps state while the client is away and retransmits unacked output to the re-opened socket', async () => {
    fx = await startFixture();
    const s = fx.addSession({ type: 'Standard_Stream' });
    const c1 = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    await c1.waitFor(() => c1.stream.length > 0, 'prompt');
    c1.autoAck = false; // everything from here on stays unacked
    c1.send(PayloadType.Output, 'echo before-$((3*3))\n');
    await c1.waitFor(() => c1.outputText().includes('before-9'), 'output before the drop');
    const unacked = c1.stream.slice(1);
    c1.close();
    await c1.closed;
    // What ResumeSession does: a new token for the same session.
    s.tokenValue = 'token-after-resume';
    const stale = await WireClient.open(fx.url(s.sessionId), 'old-token');
    expect((await stale.closed).code).toBe(4401);
    const c2 = await WireClient.open(fx.url(s.sessionId), 'token-after-resume', { resumeFrom: { inputSeq: 1, outputSeq: 1 } });
    await c2.waitFor(() => unacked.every((u) => c2.received.some((r) => r.frame?.sequenceNumber === u.sequenceNumber && r.frame.messageType === MessageType.OutputStreamData)), 'retransmitted frames');
    const again = c2.received.flatMap((r) => (r.frame?.messageType === MessageType.OutputStreamData ? [r.frame] : []));
    // Identical bytes: same MessageId and CreatedDate (§1.2).
    for (const u of unacked) {
      const r = again.find((f) => f.sequenceNumber === u.sequenceNumber) as ClientMessage;
      expect([r.messageId, r.createdDate]).toEqual([u.messageId, u.createdDate]);
    }
    c2.send(PayloadType.Output, 'echo after-$((4*4))\n');
    await c2.waitFor(() => c2.outputText().includes('after-16'), 'output after the resume');
    expect(fx.gateway.host(s.sessionId)?.stats.opens).toBe(2);
    c2.close();
  });

  it('a command that ends while the client is away delivers its output, exit code and channel_closed on return', async () => {
    fx = await startFixture();
    // The command prints and ends only once the test says so (a file in its working folder), after
    // the gateway saw c1 go: a fixed wait could end it while c1 is still there if this process
    // stalls. It marks that it printed (./printed) just before it exits.
    const s = fx.addSession({ type: 'NonInteractiveCommands', command: 'while [ ! -e ./go ]; do sleep 0.05; done; echo tail-$((5*5)); : > ./printed; exit 2', separateOutputStream: true });
    const c1 = await WireClient.open(fx.url(s.sessionId), s.tokenValue, { answerHandshake: true });
    // The agent handshakes first (seq 0 request, seq 1 complete), as the real one does for commands.
    await c1.waitFor(() => c1.stream.length >= 2, 'the handshake');
    c1.close();
    await c1.closed;
    await c1.waitFor(() => fx?.gateway.host(s.sessionId)?.stats.attached === false, 'the gateway to see c1 gone');
    writeFileSync(join(fx.workdir, 'go'), '');
    // The command ends now; its output waits for the client, as a paused agent's does (§5).
    const printed = join(fx.workdir, 'printed');
    await c1.waitFor(() => existsSync(printed), 'the command to print while c1 is away');
    expect(fx.registry.get(s.sessionId)?.state).not.toBe('Terminated');
    const c2 = await WireClient.open(fx.url(s.sessionId), s.tokenValue, { resumeFrom: { inputSeq: 1, outputSeq: 2 } });
    await c2.waitFor(() => c2.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
    expect(c2.outputText()).toBe('tail-25\n');
    expect(Buffer.from((c2.stream.at(-1) as ClientMessage).payload).toString()).toBe('EXIT_CODE: 2');
    // channel_closed came after the retransmitted tail.
    const order = c2.received.flatMap((r) => (r.frame ? [r.frame.messageType] : []));
    expect(order.lastIndexOf(MessageType.OutputStreamData)).toBeLessThan(order.indexOf(MessageType.ChannelClosed));
  });

  it('a session terminated while the client is away resends its unacked tail before channel_closed', async () => {
    fx = await startFixture();
    const s = fx.addSession({ type: 'Standard_Stream' });
    const c1 = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    await c1.waitFor(() => c1.stream.length > 0, 'prompt');
    c1.autoAck = false;
    c1.send(PayloadType.Output, 'echo unacked-$((8*8))\n');
    await c1.waitFor(() => c1.outputText().includes('unacked-64'), 'output left unacked');
    c1.close();
    await c1.closed;
    const ended = new Promise<void>((resolve) => fx?.registry.once('terminated', () => resolve()));
    fx.registry.terminate(s.sessionId, 'Session terminated by TerminateSession.');
    await ended;
    // The tail must outlive the agent's drain: a proof that it is not dropped can only wait it out.
    await new Promise((resolve) => setTimeout(resolve, PAST_AGENT_DRAIN_MS));
    const c2 = await WireClient.open(fx.url(s.sessionId), s.tokenValue, { resumeFrom: { inputSeq: 1, outputSeq: 1 } });
    await c2.waitFor(() => c2.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');
    expect(c2.outputText()).toContain('unacked-64');
    const order = c2.received.flatMap((r) => (r.frame ? [r.frame.messageType] : []));
    expect(order.lastIndexOf(MessageType.OutputStreamData)).toBeLessThan(order.indexOf(MessageType.ChannelClosed));
  });
});
