// A malformed frame is a value that says which field was wrong and where (aesthetics §10).

/** Header fields a FrameError can blame, named as in protocol §1.1. */
export type FrameField =
  | 'Frame'
  | 'HeaderLength'
  | 'MessageType'
  | 'SchemaVersion'
  | 'CreatedDate'
  | 'SequenceNumber'
  | 'Flags'
  | 'MessageId'
  | 'PayloadDigest'
  | 'PayloadType'
  | 'PayloadLength'
  | 'Payload';

/** Raised by decodeFrame/encodeFrame; never anything else escapes the codec. */
export class FrameError extends Error {
  override readonly name = 'FrameError';
  constructor(
    /** The field that is wrong. */
    readonly field: FrameField,
    /** Byte offset of that field in the frame (or where the frame ended early). */
    readonly offset: number,
    /** Plain-language reason without the field/offset prefix. */
    readonly reason: string,
  ) {
    super(`${field} at offset ${offset}: ${reason}`);
  }
}
