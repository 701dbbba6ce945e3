// Test support: a websocket server that plays the agent's side of a data channel by hand, so
// tests can put exact frames on the wire (gaps, acks at chosen moments, channel_closed) and see
// exactly what the client sends. Listens on 127.0.0.1, port 0.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  decodeAcknowledge,
  decodeFrame,
  encodeAcknowledgeFrame,
  encodeChannelClosed,
  encodeFrame,
  Flags,
  MessageType,
  newMessageId,
  PayloadType,
  type ClientMessage,
} from '../../main/ssm/frame/index.js';
import type { SessionCredentials } from '../../main/ssm/datachannel/types.js';

export interface ScriptedAgent {
  readonly credentials: SessionCredentials;
  /** The client's stream frames (input_stream_data), in arrival order. */
  readonly input: ClientMessage[];
  /** Sequence numbers the client acknowledged. */
  readonly acked: number[];
  /** Resolves once the client's socket sent OpenDataChannel. */
  connected(): Promise<void>;
  /** Sends output_stream_data `seq` carrying `text` (PT 1). */
  output(seq: number, text: string): void;
  /** Sends output_stream_data `seq` of any payload type (a HandshakeRequest, say) carrying `payload`. */
  stream(seq: number, payloadType: number, payload: Uint8Array): void;
  /** Acknowledges one of the client's frames. */
  ack(frame: ClientMessage): void;
  /** Sends channel_closed with this Output text. */
  channelClosed(output?: string): void;
  close(): Promise<void>;
}

export async function startScriptedAgent(sessionId = 'scripted-session'): Promise<ScriptedAgent> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const input: ClientMessage[] = [];
  const acked: number[] = [];
  let socket: WebSocket | undefined;
  const opened = new Promise<void>((resolve) => {
    wss.on('connection', (ws) => {
      ws.on('message', (data: Buffer, isBinary) => {
        if (!isBinary) {
          socket = ws;
          resolve();
          return;
        }
        const frame = decodeFrame(new Uint8Array(data));
        if (frame.messageType === MessageType.Acknowledge) acked.push(decodeAcknowledge(frame.payload).acknowledgedMessageSequenceNumber);
        else input.push(frame);
      });
    });
  });
  const send = (bytes: Uint8Array) => {
    if (!socket) throw new Error('no client connected yet');
    socket.send(bytes);
  };
  const { port } = wss.address() as AddressInfo;
  return {
    credentials: { sessionId, tokenValue: 'token', streamUrl: `ws://127.0.0.1:${port}/v1/data-channel/${sessionId}` },
    input,
    acked,
    connected: () => opened,
    output: (seq, text) =>
      send(encodeFrame({ messageType: MessageType.OutputStreamData, sequenceNumber: seq, flags: seq === 0 ? Flags.Syn : Flags.Data, payloadType: PayloadType.Output, payload: new TextEncoder().encode(text) })),
    stream: (seq, payloadType, payload) =>
      send(encodeFrame({ messageType: MessageType.OutputStreamData, sequenceNumber: seq, flags: seq === 0 ? Flags.Syn : Flags.Data, payloadType, payload })),
    ack: (frame) => send(encodeAcknowledgeFrame({ acknowledgedMessageType: frame.messageType, acknowledgedMessageId: frame.messageId, acknowledgedMessageSequenceNumber: frame.sequenceNumber })),
    channelClosed: (output = '') =>
      send(
        encodeFrame({
          messageType: MessageType.ChannelClosed,
          sequenceNumber: 0,
          flags: Flags.SynFin,
          payloadType: PayloadType.Unset,
          payload: encodeChannelClosed({ messageId: newMessageId(), createdDate: new Date().toISOString(), destinationId: 'i-0', sessionId, schemaVersion: 1, output }),
        }),
      ),
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/**
 * The client's input frames, one per sequence number, in sequence order. The agent here acks only
 * when told, so the client resends what it holds every RTO (200 ms at first): on a loaded machine
 * `input` has each frame several times before a test acks it. Count and pick frames from this.
 */
export function distinctInput(input: readonly ClientMessage[]): ClientMessage[] {
  const bySeq = new Map<number, ClientMessage>();
  for (const f of input) if (!bySeq.has(f.sequenceNumber)) bySeq.set(f.sequenceNumber, f);
  return [...bySeq.values()].sort((a, b) => a.sequenceNumber - b.sequenceNumber);
}
