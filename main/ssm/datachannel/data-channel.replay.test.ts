// The client's wire sequence during a Port handshake, against the real agent's recorded frames:
// ack(0) then HandshakeResponse as input_stream_data seq 0 PT 6 with the plugin's exact bytes,
// then ack(1) for HandshakeComplete, and client data starting at seq 1 (§6, §13 item 3).
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeAcknowledge, decodeFrame, MessageType, PayloadType, type ClientMessage } from '../frame/index.js';
import { realSession } from '../../../testing/ssm/conformance.js';
import { DataChannel } from './data-channel.js';
import { ShellSession } from '../shell/shell-session.js';
import type { SessionInfo } from './types.js';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

const recorded = realSession('port-mux-session');
const raw = (l: (typeof recorded)[number]) => Buffer.from(l.raw ?? '', 'base64');
const agentStream = recorded.filter((l) => l.dir === 'server->client' && l.type === MessageType.OutputStreamData);
const pluginResponse = recorded.find((l) => l.dir === 'client->server' && l.ptype === PayloadType.HandshakeResponse);

/**
 * The fake agents here never ack the client's frames, so the client resends them after its RTO
 * (200 ms at first): a loop stalled that long on a loaded machine puts a copy among the frames
 * read. The claims are about the first sending of each frame; a copy of an input_stream_data
 * already received (same sequence number) is left out, and not answered again.
 */
function isResend(f: ClientMessage, seen: readonly ClientMessage[]): boolean {
  return f.messageType === MessageType.InputStreamData && seen.some((g) => g.messageType === f.messageType && g.sequenceNumber === f.sequenceNumber);
}

describe('DataChannel wire sequence (replayed real agent)', () => {
  it('answers the recorded HandshakeRequest exactly like the plugin and becomes ready with the Port info', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => wss.close());
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const fromClient: ClientMessage[] = [];
    let sawOpenText = false;
    wss.on('connection', (ws: WebSocket) => {
      ws.on('message', (data: Buffer, isBinary) => {
        if (!isBinary) { sawOpenText = true; ws.send(raw(agentStream[0]!)); return; } // HandshakeRequest
        const f = decodeFrame(new Uint8Array(data));
        if (isResend(f, fromClient)) return;
        fromClient.push(f);
        if (f.payloadType === PayloadType.HandshakeResponse) ws.send(raw(agentStream[1]!)); // HandshakeComplete
      });
    });
    const { port } = wss.address() as { port: number };
    const dc = new DataChannel({ credentials: { sessionId: 's', tokenValue: 't', streamUrl: `ws://127.0.0.1:${port}/v1/data-channel/s` }, clientVersion: '1.2.0.0' });
    cleanups.push(() => dc.close());
    dc.setHandler({ deliver: () => 'accepted' });
    const ready = new Promise<SessionInfo>((resolve) => dc.on('ready', resolve));
    await dc.open();
    const info = await ready;
    dc.send(PayloadType.Output, Uint8Array.of(1, 0, 0, 0, 3, 0, 0, 0)); // smux SYN, as the plugin sent next
    while (fromClient.length < 4) await new Promise((r) => setTimeout(r, 5));

    expect(sawOpenText).toBe(true);
    expect(info).toMatchObject({ sessionType: 'Port', agentVersion: '3.3.0.0', detected: false, properties: { portNumber: '7730', localPortNumber: '7732', type: 'LocalPortForwarding' } });
    const [ack0, response, ack1, data] = fromClient;
    expect(ack0?.messageType).toBe(MessageType.Acknowledge);
    expect(decodeAcknowledge(ack0!.payload).acknowledgedMessageSequenceNumber).toBe(0);
    expect([response?.messageType, response?.sequenceNumber, response?.flags, response?.payloadType]).toEqual([MessageType.InputStreamData, 0, 0, PayloadType.HandshakeResponse]);
    expect(Buffer.from(response!.payload).equals(decodeFrame(raw(pluginResponse!)).payload)).toBe(true);
    expect(decodeAcknowledge(ack1!.payload)).toMatchObject({ acknowledgedMessageType: MessageType.OutputStreamData, acknowledgedMessageSequenceNumber: 1 });
    expect([data?.sequenceNumber, data?.payloadType]).toEqual([1, PayloadType.Output]);
  });

  it('a shell without handshake: first output detected, then the plugin\'s size message (seq 0) and input (seq 1), byte for byte', async () => {
    const shell = realSession('shell-session');
    const firstOutput = shell.find((l) => l.dir === 'server->client' && l.type === MessageType.OutputStreamData)!;
    const pluginInput = shell.filter((l) => l.dir === 'client->server' && l.type === MessageType.InputStreamData).slice(0, 2).map((l) => decodeFrame(raw(l)));
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => wss.close());
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const fromClient: ClientMessage[] = [];
    wss.on('connection', (ws: WebSocket) => {
      ws.on('message', (data: Buffer, isBinary) => {
        if (!isBinary) setTimeout(() => ws.send(raw(firstOutput)), 50); // the agent's first output comes later
        else {
          const f = decodeFrame(new Uint8Array(data));
          if (!isResend(f, fromClient)) fromClient.push(f);
        }
      });
    });
    const { port } = wss.address() as { port: number };
    const session = new ShellSession({ credentials: { sessionId: 's', tokenValue: 't', streamUrl: `ws://127.0.0.1:${port}/v1/data-channel/s` }, size: { cols: 100, rows: 30 } });
    cleanups.push(() => void session.terminate());
    const output: string[] = [];
    session.on('output', (b) => output.push(new TextDecoder().decode(b)));
    session.write(new TextDecoder().decode(pluginInput[1]!.payload)); // typed before the first output
    await session.open();
    while (fromClient.length < 3) await new Promise((r) => setTimeout(r, 5));
    const [ack, size, input] = fromClient;
    expect(output.join('')).toBe('$ ');
    expect(session.info).toMatchObject({ sessionType: 'Standard_Stream', detected: true });
    expect(decodeAcknowledge(ack!.payload).acknowledgedMessageSequenceNumber).toBe(0);
    for (const [ours, theirs] of [[size, pluginInput[0]], [input, pluginInput[1]]] as const) {
      expect([ours?.sequenceNumber, ours?.flags, ours?.payloadType]).toEqual([theirs?.sequenceNumber, theirs?.flags, theirs?.payloadType]);
      expect(Buffer.from(ours!.payload).equals(Buffer.from(theirs!.payload))).toBe(true);
    }
  });
});
