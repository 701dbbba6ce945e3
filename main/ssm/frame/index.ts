// Public API of the frame codec (protocol §1, §2, §15). Small and stable: the client engine, the
// sandbox agent and the inspector all build on it.
//
// decodeFrame throws FrameError { field, offset, reason }; tryDecodeFrame returns a result union.
// Decoding is tolerant where real senders vary (NUL/space padding, HeaderLength 112 or 116,
// payload at HeaderLength+4) and strict where a frame is broken (truncated, HeaderLength past the
// end, PayloadLength disagreeing with the bytes, digest mismatch, zero CreatedDate, empty type).
export { FrameLayout, Flags, MessageType, Offset, PayloadType, PayloadTypeFlag } from './constants.js';
export type { MessageTypeName, PayloadTypeFlagValue, PayloadTypeValue } from './constants.js';
export { FrameError } from './errors.js';
export type { FrameField } from './errors.js';
export { decodeFrame, encodeFrame, encodeFrameHead, frameFromHeader, payloadDigest, tryDecodeFrame } from './codec.js';
export { LentFrame, ReceivedFrame } from './received-frame.js';
export { emptyHeader, readHeader } from './header.js';
export type { FrameHeader, MutableFrameHeader } from './header.js';
export { encodeAcknowledgeFrame, encodeAcknowledgeFrameFromWire } from './ack-frame.js';
export { ackSequenceNumber } from './ack-sequence.js';
export type { AckFrameOptions } from './ack-frame.js';
export type { ClientMessage, DecodeOptions, DecodeResult, EncodeOptions, FrameFields } from './codec.js';
export { newMessageId, uuidFromBytes, uuidFromWire, uuidToBytes, uuidToWire } from './uuid.js';
export {
  decodeAcknowledge,
  decodeChannelClosed,
  decodeFlag,
  encodeAcknowledge,
  encodeChannelClosed,
  encodeFlag,
  parseObject,
} from './payloads.js';
export type { AcknowledgeContent, ChannelClosedContent } from './payloads.js';
