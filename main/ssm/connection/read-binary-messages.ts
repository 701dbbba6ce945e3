/**
 * Puts a MessageReader in front of a ws WebSocket's receiver, so binary messages reach a handler
 * without ws's per-message views and events (see message-reader.ts). Everything the reader does
 * not take is written to ws's receiver in stream order, whichever path the bytes came by (ws
 * also feeds its receiver directly when a paused socket closes with bytes still buffered).
 *
 * This relies on one private field of ws (`_receiver`, the Writable it feeds the socket's bytes
 * to). When it is not there as expected (another ws version), nothing is taken over and ws reads
 * everything as before; read-binary-messages.test.ts fails then, so the change is noticed.
 */
import type { WebSocket } from 'ws';
import { MessageReader } from './message-reader.js';

interface WsReceiver {
  write(chunk: Buffer): boolean;
  /** Bytes ws holds of a frame it has not finished: the reader must start at zero. */
  _bufferedBytes: number;
}

/**
 * Call when ws has just set up the socket ('open' on a client, the handleUpgrade callback on a
 * server), before any byte was read. Undefined when ws is not as expected or an extension is on.
 */
export function readBinaryMessages(ws: WebSocket, options: { maskedFromPeer: boolean; maxPayload: number }): MessageReader | undefined {
  const receiver = (ws as unknown as { _receiver?: Partial<WsReceiver> })._receiver;
  if (receiver === undefined || typeof receiver.write !== 'function' || receiver._bufferedBytes !== 0 || ws.extensions !== '') return undefined;
  const write = receiver.write.bind(receiver);
  const reader = new MessageReader({
    ...options,
    // ws reads header fields with Buffer methods: give it Buffers (views, no copies).
    passOn: (bytes) => write(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)),
  });
  receiver.write = (chunk: Buffer) => reader.push(chunk);
  return reader;
}
