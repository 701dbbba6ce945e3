// Fuzz target: the SSM frame codec (protocol §1, §15) and the small payloads that ride in frames
// (acknowledge, channel_closed, PT 10 flag). Every rejection must be a FrameError.
import {
  decodeAcknowledge,
  decodeChannelClosed,
  decodeFlag,
  decodeFrame,
  encodeAcknowledge,
  encodeChannelClosed,
  encodeFlag,
  encodeFrame,
  FrameError,
  MessageType,
  PayloadType,
} from '../../../main/ssm/frame/index.js';
import { mutate } from './mutate.js';
import type { Rng } from './prng.js';
import { expectTyped, hexPreview, InvariantError, type FuzzTarget } from './types.js';

/** Random frames up to this size: past the 120-byte header plus a payload worth decoding. */
const MAX_RANDOM_BYTES = 400;

let idCounter = 0;
/** Deterministic valid UUIDs, so seeds do not depend on the clock or the crypto RNG. */
const id = () => `0f0e0d0c-0b0a-4908-8706-${(++idCounter).toString(16).padStart(12, '0')}`;

function seeds(): Uint8Array[] {
  const created = 1_700_000_000_000;
  const frame = (messageType: string, payloadType: number, payload: Uint8Array, extra: { headerLength?: 116 | 112; padding?: 'space' | 'nul' } = {}) =>
    encodeFrame({ messageType, sequenceNumber: 3, flags: 0, messageId: id(), payloadType, payload, createdDate: created }, extra);
  const text = (s: string) => new TextEncoder().encode(s);
  return [
    frame(MessageType.OutputStreamData, PayloadType.Output, text('hello\r\n$ ')),
    frame(MessageType.InputStreamData, PayloadType.Output, text('ls -la\r')),
    frame(MessageType.InputStreamData, PayloadType.Size, text('{"cols":80,"rows":24}')),
    frame(MessageType.Acknowledge, 0, encodeAcknowledge({ acknowledgedMessageType: 'output_stream_data', acknowledgedMessageId: id(), acknowledgedMessageSequenceNumber: 7 })),
    frame(MessageType.ChannelClosed, 0, encodeChannelClosed({ messageId: id(), createdDate: '2026-01-01T00:00:00Z', destinationId: 'i-0', sessionId: 's-1', schemaVersion: 1, output: 'bye' }), { headerLength: 112, padding: 'nul' }),
    frame(MessageType.OutputStreamData, PayloadType.Flag, encodeFlag(1)),
    frame(MessageType.OutputStreamData, PayloadType.HandshakeRequest, text('{"AgentVersion":"3.3.0.0","RequestedClientActions":[{"ActionType":"SessionType","ActionParameters":{"SessionType":"Port"}}]}')),
    frame(MessageType.StartPublication, 0, new Uint8Array(0)),
    frame(MessageType.OutputStreamData, PayloadType.ExitCode, text('0')),
  ];
}

/** Decodes the frame and then its payload by type, as the data channel does. */
function decodeAll(input: Uint8Array): void {
  const f = decodeFrame(input);
  // The payload is everything after HeaderLength + 4, whatever PayloadLength says (§1.5 step 3).
  if (f.payload.length !== input.length - f.headerLength - 4) {
    throw new InvariantError(`payload of ${f.payload.length} bytes is not the ${input.length - f.headerLength - 4} bytes after the header`);
  }
  if (f.messageType === MessageType.Acknowledge) decodeAcknowledge(f.payload);
  else if (f.messageType === MessageType.ChannelClosed) decodeChannelClosed(f.payload);
  else if (f.payloadType === PayloadType.Flag) decodeFlag(f.payload);
}

export const frameTarget: FuzzTarget<Uint8Array> = {
  name: 'ssm frame codec + payloads',
  seeds: seeds(),
  random: (rng: Rng) => rng.bytes(rng.int(MAX_RANDOM_BYTES)),
  mutate: (seed, other, rng) => mutate(seed, other, rng),
  check: (input) => expectTyped(() => decodeAll(input), (e) => e instanceof FrameError),
  show: (input) => hexPreview(input),
};
