// A Standard_Stream session against the emulated agent, checked against the real agent's
// recording (testing/conformance/real/shell-session.jsonl): same frame kinds, flags, payload
// types and order; output after the agent's 1 s wait; UTF-8-safe ≤ 1024-byte chunks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageType, PayloadType, decodeChannelClosed, decodeFrame, type ClientMessage } from '../../ssm/frame/index.js';
import { realSession } from '../../../testing/ssm/conformance.js';
import { startFixture, type Fixture } from '../../../testing/sandbox/gateway/sandbox-fixture.js';
import { WireClient } from '../../../testing/sandbox/gateway/wire-client.js';

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => {
  await fx.close();
});

/** What a frame from the agent side looks like, stripped of content (order, flags, types). */
function shape(f: ClientMessage): string {
  if (f.messageType === MessageType.OutputStreamData) return `output seq${f.sequenceNumber === 0 ? '0' : 'N'} flags${f.flags} pt${f.payloadType}`;
  if (f.messageType === MessageType.Acknowledge) return `ack seq${f.sequenceNumber} flags${f.flags} pt${f.payloadType}`;
  return f.messageType;
}

/** Collapses runs of identical shapes, so chunk counts that depend on the shell do not matter. */
function collapse(shapes: string[]): string[] {
  return shapes.filter((s, i) => s !== shapes[i - 1]);
}

describe('Standard_Stream shell (no KMS: no handshake, §6.1)', () => {
  it('matches the real agent frame by frame in kinds, flags and payload types', async () => {
    const recorded = realSession('shell-session')
      .filter((r) => r.dir === 'server->client' && r.raw)
      .map((r) => decodeFrame(Buffer.from(r.raw as string, 'base64')));

    const s = fx.addSession({ type: 'Standard_Stream' });
    const openedAt = Date.now();
    // No client resends: on a loaded machine they would add (correct) re-acks to the comparison.
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue, { clientVersion: '1.2.0.0', retransmit: false });
    await client.waitFor(() => client.stream.length > 0, 'first output');
    const first = client.stream[0] as ClientMessage;
    // The agent's pump waits 1 s before reading the pty (§7.3); nothing precedes the output.
    expect(client.received[0]?.at ?? 0).toBeGreaterThanOrEqual(openedAt + 900);
    expect(client.received[0]?.frame).toBe(first);
    expect([first.sequenceNumber, first.flags, first.payloadType]).toEqual([0, 1, PayloadType.Output]);

    client.send(PayloadType.Size, '{"cols":100,"rows":30}');
    client.send(PayloadType.Output, 'echo tap-$((6*7)); stty size\n');
    await client.waitFor(() => /tap-42\r\n30 100\r\n/.test(client.outputText()), 'echo and stty size');
    client.send(PayloadType.Output, 'exit 3\n');
    await client.waitFor(() => client.frames(MessageType.ChannelClosed).length > 0, 'channel_closed');

    const ours = client.received.flatMap((r) => (r.frame ? [r.frame] : []));
    const streamShapes = (frames: ClientMessage[]) => collapse(frames.map(shape).filter((x) => !x.startsWith('ack')));
    expect(streamShapes(ours)).toEqual(streamShapes(recorded));
    expect(new Set(ours.map(shape))).toEqual(new Set(recorded.map(shape)));
    // Standard_Stream never reports an exit code (§16): no PT 12, Output empty.
    expect(ours.some((f) => f.payloadType === PayloadType.ExitCode)).toBe(false);
    const cc = decodeChannelClosed((client.frames(MessageType.ChannelClosed)[0] as ClientMessage).payload);
    expect(cc.output).toBe('');
    // Every client frame was acked once, with the agent's ack header.
    expect(client.ackedSeqs()).toEqual([0, 1, 2]);
    expect(fx.registry.get(s.sessionId)?.state).toBe('Terminated');
  });

  it('sends multi-byte output in ≤ 1024-byte chunks that never split a code point', async () => {
    const s = fx.addSession({ type: 'Standard_Stream' });
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    // One long line written in large blocks: pty reads far above 1024 bytes must be cut.
    client.send(PayloadType.Output, "awk 'BEGIN { for (i = 0; i < 3000; i++) printf \"€ü€x\"; print \"\" }'; echo done-$((1+1))\n");
    await client.waitFor(() => client.outputText().includes('done-2\r\n'), 'flood to finish');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const chunks = client.stream.filter((f) => f.payloadType === PayloadType.Output);
    for (const f of chunks) {
      expect(f.payload.length).toBeLessThanOrEqual(1024);
      expect(() => decoder.decode(f.payload)).not.toThrow();
    }
    expect(chunks.some((f) => f.payload.length > 900)).toBe(true);
    expect(client.outputText().split('€ü€x').length - 1).toBeGreaterThanOrEqual(3000);
    client.close();
  });

  it('runs the shell in the target working directory with TERM=xterm-256color', async () => {
    const s = fx.addSession({ type: 'Standard_Stream' });
    const client = await WireClient.open(fx.url(s.sessionId), s.tokenValue);
    client.send(PayloadType.Output, 'echo "[$(pwd)|$TERM]"\n');
    await client.waitFor(() => client.outputText().includes(`[${fx.workdir}|xterm-256color]`), 'pwd and TERM');
    client.close();
  });
});
