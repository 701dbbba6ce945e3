/**
 * Frames the gateway itself sends, as MGS does: channel_closed (§3.6, with the 112-byte-header
 * NUL-padded variant of §1.5), pause/start_publication (§5), and deliberately malformed frames
 * for fault injection (each breaks exactly one rule of §1.5).
 */
import { randomBytes } from 'node:crypto';
import { Flags, MessageType, Offset, PayloadType, encodeChannelClosed, encodeFrame, newMessageId } from '../../ssm/frame/index.js';
import type { MalformedVariant } from '../faults/spec.js';

export interface ChannelClosedInput {
  sessionId: string;
  /** DestinationId: the target the session ran on. */
  targetId: string;
  output: string;
  /** 116 (normal) or 112 (MGS-style short header, NUL-padded type). */
  headerLength: 116 | 112;
}

export function channelClosedFrame(c: ChannelClosedInput): Uint8Array {
  const messageId = newMessageId();
  const payload = encodeChannelClosed({
    messageId,
    createdDate: new Date().toISOString(),
    destinationId: c.targetId,
    sessionId: c.sessionId,
    schemaVersion: 1,
    output: c.output,
  });
  return encodeFrame(
    { messageType: MessageType.ChannelClosed, sequenceNumber: 0, flags: Flags.SynFin, messageId, payloadType: PayloadType.Unset, payload },
    c.headerLength === 112 ? { headerLength: 112, padding: 'nul' } : {},
  );
}

/** pause_publication / start_publication: the payload is undefined in both codebases, so empty. */
export function publicationFrame(kind: 'pause' | 'start'): Uint8Array {
  return encodeFrame({
    messageType: kind === 'pause' ? MessageType.PausePublication : MessageType.StartPublication,
    sequenceNumber: 0,
    flags: Flags.SynFin,
    messageId: newMessageId(),
    payloadType: PayloadType.Unset,
    payload: new Uint8Array(0),
  });
}

/** Sequence number of injected malformed stream frames: far ahead, so a lax client only buffers it. */
const MALFORMED_SEQ = 2 ** 31;

/** One malformed frame; `text-frame` is sent as a websocket text message instead of binary. */
export function malformedFrame(variant: MalformedVariant): { bytes: Uint8Array; text: boolean } {
  const base = () =>
    encodeFrame({
      messageType: MessageType.OutputStreamData,
      sequenceNumber: MALFORMED_SEQ,
      flags: Flags.Data,
      messageId: newMessageId(),
      payloadType: PayloadType.Output,
      payload: new TextEncoder().encode('porthole-sandbox malformed frame'),
    });
  const f = base();
  const view = new DataView(f.buffer, f.byteOffset, f.byteLength);
  switch (variant) {
    case 'bad-digest':
      f[Offset.PayloadDigest] = (f[Offset.PayloadDigest] as number) ^ 0xff;
      return { bytes: f, text: false };
    case 'short-header':
      return { bytes: f.slice(0, 60), text: false };
    case 'header-length-zero':
      view.setUint32(Offset.HeaderLength, 0);
      return { bytes: f, text: false };
    case 'header-length-overrun':
      view.setUint32(Offset.HeaderLength, f.length + 100);
      return { bytes: f, text: false };
    case 'empty-type':
      f.fill(0x20, Offset.MessageType, Offset.SchemaVersion);
      return { bytes: f, text: false };
    case 'zero-created-date':
      view.setBigUint64(Offset.CreatedDate, 0n);
      return { bytes: f, text: false };
    case 'garbage':
      return { bytes: randomBytes(200), text: false };
    case 'text-frame':
      return { bytes: new TextEncoder().encode('{"porthole":"a text frame where a binary frame belongs"}'), text: true };
  }
}
