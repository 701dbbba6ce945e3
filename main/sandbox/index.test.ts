/**
 * The composed sandbox end to end: a session made through the API (SDK v3) is served by the
 * gateway on the same server at the StreamUrl it returned, runs in the target's working
 * directory, and the HTTP fault control reaches the live session.
 */
import { ECSClient, ExecuteCommandCommand } from '@aws-sdk/client-ecs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { decodeChannelClosed, decodeFrame, encodeAcknowledge, encodeFrame, Flags, MessageType, newMessageId, PayloadType } from '../ssm/frame/index.js';
import { adminFetch } from '../../testing/sandbox/api/test-helpers.js';
import { startSandbox, type Sandbox } from './index.js';

const TASK = '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001';

interface Transcript {
  output: string;
  closed: string | undefined;
  socketClosed: number | undefined;
}

/** A minimal data-channel client: open, ack every output frame, collect text until channel_closed. */
function runChannel(streamUrl: string, token: string, until: (t: Transcript) => boolean): Promise<Transcript> {
  const t: Transcript = { output: '', closed: undefined, socketClosed: undefined };
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(streamUrl);
    ws.on('open', () => ws.send(JSON.stringify({ MessageSchemaVersion: '1.0', RequestId: randomUUID(), TokenValue: token, ClientId: randomUUID(), ClientVersion: '1.2.694.0' })));
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return;
      const f = decodeFrame(new Uint8Array(data));
      if (f.messageType === MessageType.OutputStreamData) {
        const ack = encodeAcknowledge({ acknowledgedMessageType: f.messageType, acknowledgedMessageId: f.messageId, acknowledgedMessageSequenceNumber: f.sequenceNumber });
        ws.send(encodeFrame({ messageType: MessageType.Acknowledge, sequenceNumber: 0, flags: Flags.SynFin, messageId: newMessageId(), payloadType: PayloadType.Unset, payload: ack }));
        if (f.payloadType === PayloadType.Output) t.output += Buffer.from(f.payload).toString('utf8');
      } else if (f.messageType === MessageType.ChannelClosed) {
        t.closed = decodeChannelClosed(f.payload).output;
      }
      if (until(t)) ws.close();
    });
    ws.on('close', (code) => {
      t.socketClosed = code;
      resolve(t);
    });
    ws.on('error', reject);
  });
}

describe('startSandbox composition (API + gateway + agent + targets)', () => {
  let sb: Sandbox;
  let ecs: ECSClient;
  beforeAll(async () => {
    sb = await startSandbox({ pacing: 'unpaced', gateway: { shell: '/bin/sh' } });
    ecs = new ECSClient({ endpoint: sb.endpoint, region: sb.region, credentials: { accessKeyId: sb.accessKeyId, secretAccessKey: sb.secretAccessKey } });
  });
  afterAll(async () => {
    ecs.destroy();
    await sb.stop();
  });

  it('ECS ExecuteCommand → StreamUrl → the agent runs the command in the container workdir', async () => {
    const r = await ecs.send(new ExecuteCommandCommand({ cluster: 'demo-web', task: TASK, container: 'app', command: 'cat TARGET.txt', interactive: true }));
    const s = r.session;
    if (!s?.streamUrl || !s.tokenValue || !s.sessionId) throw new Error('ExecuteCommand returned no session');
    const t = await runChannel(s.streamUrl, s.tokenValue, (x) => x.closed !== undefined);
    expect(t.output).toContain(`app/${TASK} (ecs:demo-web_${TASK}_`);
    expect(t.closed).toBe('');
    expect(sb.registry.get(s.sessionId)?.state).toBe('Terminated');
  });

  it('POST /__sandbox/faults reaches a live session (kill-socket closes the client websocket)', async () => {
    const r = await ecs.send(new ExecuteCommandCommand({ cluster: 'demo-web', task: TASK, container: 'app', command: 'sleep 30', interactive: true }));
    const s = r.session;
    if (!s?.streamUrl || !s.tokenValue || !s.sessionId) throw new Error('ExecuteCommand returned no session');
    const done = runChannel(s.streamUrl, s.tokenValue, () => false);
    // The fault needs a live session: wait until the gateway has it connected, not a fixed time.
    await vi.waitFor(() => expect(sb.registry.get(s.sessionId!)?.state).toBe('Connected'), { timeout: 20_000, interval: 25 });
    const res = await adminFetch(sb, 'faults', { method: 'POST', body: JSON.stringify({ sessionId: s.sessionId, faults: { actions: [{ do: 'kill-socket' }] } }) });
    expect(res.status).toBe(200);
    const t = await done;
    expect(t.socketClosed).toBe(1006);
    expect(t.closed).toBeUndefined();
  });

  it('refuses a wrong token without affecting the API', async () => {
    const r = await ecs.send(new ExecuteCommandCommand({ cluster: 'demo-web', task: TASK, container: 'app', command: 'true', interactive: true }));
    const t = await runChannel(r.session?.streamUrl ?? '', 'not-the-token', () => false);
    expect(t.socketClosed).toBe(4401);
    const again = await ecs.send(new ExecuteCommandCommand({ cluster: 'demo-web', task: TASK, container: 'app', command: 'true', interactive: true }));
    expect(again.session?.sessionId).toBeTruthy();
  });
});
