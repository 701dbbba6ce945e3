// Describes captured frames one by one, in capture order, carrying session context from frame to
// frame (handshake → session type, KMS, smux; sequence numbers → retransmissions; message ids →
// which frame an acknowledge refers to). Incremental, so the UI can describe frames live.
import { MessageType, PayloadType, payloadDigest } from '../frame/index.js';
import type { CaptureRecord } from './capture-record.js';
import { describeHeader, type HeaderFacts } from './header.js';
import { hex, hexdump } from './hexdump.js';
import { payloadTypeName } from './names.js';
import { describePayload } from './payload.js';
import { SessionContext, type InspectOptions } from './session-context.js';
import { SmuxTrack } from './smux-track.js';
import type { DigestDescription, FieldDescription, FrameDescription, PayloadDescription } from './types.js';

const STREAM_TYPES: ReadonlySet<string> = new Set([MessageType.InputStreamData, MessageType.OutputStreamData]);

export class CaptureDescriber {
  private readonly session: SessionContext;
  private readonly smux = { 'client->server': new SmuxTrack(), 'server->client': new SmuxTrack() };
  /** Stream messages seen: `${dir} ${seq}` → capture index and MessageId. */
  private readonly streamSeen = new Map<string, { index: number; messageId: string }>();
  private readonly byMessageId = new Map<string, number>();
  private count = 0;

  constructor(options: InspectOptions = {}) {
    this.session = new SessionContext(options);
  }

  describe(record: CaptureRecord): FrameDescription {
    this.count += 1;
    const base: FrameDescription = {
      index: this.count,
      t: record.t,
      dir: record.dir,
      kind: record.kind,
      length: record.raw.length,
      summary: '',
      fields: [],
      notes: [],
      problems: [],
      masked: record.masked ?? [],
      hexdump: hexdump(record.raw),
    };
    return record.kind === 'text' ? this.describeText(record, base) : this.describeBinary(record, base);
  }

  private describeText(record: CaptureRecord, d: FrameDescription): FrameDescription {
    const text = Buffer.from(record.raw).toString('utf8');
    d.summary = `websocket text frame, ${record.raw.length} bytes`;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      d.payload = { offset: 0, length: record.raw.length, kind: 'text', lines: [text] };
      return d;
    }
    if (record.dir === 'client->server') d.summary = `OpenDataChannel (websocket text frame, §3.3), ${record.raw.length} bytes`;
    d.payload = { offset: 0, length: record.raw.length, kind: 'json', json, lines: JSON.stringify(json, null, 2).split('\n') };
    return d;
  }

  private describeBinary(record: CaptureRecord, d: FrameDescription): FrameDescription {
    const header = describeHeader(record.raw);
    d.fields = header.fields;
    d.problems.push(...header.problems);
    const facts = header.facts;
    if (!facts) {
      d.summary = `malformed frame, ${record.raw.length} bytes`;
      return d;
    }
    const payload = record.raw.subarray(facts.payloadStart);
    const masked = d.masked.length > 0;
    d.digest = this.digest(facts, payload, masked, record.digestOk);
    if (d.digest.status === 'mismatch') d.problems.push('PayloadDigest does not match SHA-256 of the payload (the plugin drops such frames silently)');
    const fromClient = record.dir === 'client->server';
    d.payload = describePayload(facts.payloadStart, payload, {
      messageType: facts.messageType,
      payloadType: facts.payloadType,
      encrypted: STREAM_TYPES.has(facts.messageType) && this.session.encrypted(fromClient, facts.payloadType),
    });
    d.fields.push(payloadField(record.raw, d.payload));
    d.summary = summary(facts, payload.length);
    this.byMessageId.set(facts.messageId, d.index);
    if (STREAM_TYPES.has(facts.messageType)) this.streamMessage(record, facts, payload, d);
    else this.controlMessage(facts, d);
    return d;
  }

  private digest(facts: HeaderFacts, payload: Uint8Array, masked: boolean, atCapture: boolean | undefined): DigestDescription {
    const computed = payloadDigest(payload);
    const match = Buffer.compare(computed, facts.storedDigest) === 0;
    const digest: DigestDescription = { stored: hex(facts.storedDigest), computed: hex(computed), status: match ? 'ok' : masked ? 'masked' : 'mismatch' };
    if (!match && masked && atCapture !== undefined) digest.atCapture = atCapture;
    if (!match && masked && atCapture === false) digest.status = 'mismatch';
    return digest;
  }

  private streamMessage(record: CaptureRecord, facts: HeaderFacts, payload: Uint8Array, d: FrameDescription): void {
    const key = `${record.dir} ${facts.sequenceNumber}`;
    const earlier = this.streamSeen.get(key);
    if (earlier) {
      d.notes.push(
        earlier.messageId === facts.messageId
          ? `retransmission of frame ${earlier.index} (same seq ${facts.sequenceNumber}, same MessageId)`
          : `duplicate seq ${facts.sequenceNumber} (frame ${earlier.index} had a different MessageId)`,
      );
    } else {
      this.streamSeen.set(key, { index: d.index, messageId: facts.messageId });
      if (facts.payloadType === PayloadType.HandshakeRequest && d.payload?.kind === 'json') {
        d.notes.push(...this.session.observeHandshakeRequest(d.payload.json));
      }
      if (facts.payloadType === PayloadType.Output && !this.session.sessionType && record.dir === 'server->client') {
        this.session.sessionType = 'Standard_Stream';
        d.notes.push('first output without a handshake: the client treats the session as a shell (§6.1)');
      }
    }
    if (!this.session.mux || d.payload?.kind === 'encrypted') return;
    const smuxBytes = facts.payloadType === PayloadType.Output ? payload : null;
    const fed = this.smux[record.dir].feed(d.index, facts.sequenceNumber, smuxBytes);
    if (fed.note) d.notes.push(fed.note);
    if (d.payload && smuxBytes !== null && smuxBytes.length > 0) attachSmux(d.payload, fed.frames);
  }

  private controlMessage(facts: HeaderFacts, d: FrameDescription): void {
    const json = d.payload?.kind === 'json' ? d.payload.json : undefined;
    if (facts.messageType === MessageType.Acknowledge && typeof json === 'object' && json !== null) {
      const ack = json as Record<string, unknown>;
      const id = ack.AcknowledgedMessageId;
      const target = typeof id === 'string' ? this.byMessageId.get(id) : undefined;
      const seq = String(ack.AcknowledgedMessageSequenceNumber);
      d.notes.push(`acknowledges ${String(ack.AcknowledgedMessageType)} seq ${seq}${target ? ` (frame ${target})` : ' (not in this capture)'}`);
    }
    if (facts.messageType === MessageType.ChannelClosed && typeof json === 'object' && json !== null) {
      const output = (json as Record<string, unknown>).Output;
      d.notes.push(typeof output === 'string' && output !== '' ? `session closed: ${output}` : 'session closed normally (empty Output)');
    }
  }
}

function attachSmux(payload: PayloadDescription, frames: NonNullable<PayloadDescription['smux']>): void {
  payload.kind = 'smux';
  payload.smux = frames;
  if (frames.length === 0) {
    payload.lines = ['no smux frame completes in this payload (see the note)'];
    return;
  }
  payload.lines = frames.map((f) => {
    const began = f.startedInFrame !== undefined ? `, began in frame ${f.startedInFrame}` : '';
    const data = f.data ? ` ${f.data}` : '';
    return `smux @${f.streamOffset}: ${f.cmd} stream ${f.streamId} len ${f.length} [${f.headerHex}]${began}${data}`;
  });
}

function payloadField(raw: Uint8Array, payload: PayloadDescription): FieldDescription {
  return {
    name: 'Payload',
    offset: payload.offset,
    length: payload.length,
    hex: hex(raw.subarray(payload.offset)),
    value: payload.kind,
    notes: [],
  };
}

function summary(facts: HeaderFacts, payloadLength: number): string {
  const pt = facts.payloadType === undefined ? 'no PayloadType' : `PT ${facts.payloadType} ${payloadTypeName(facts.payloadType)}`;
  const seq = STREAM_TYPES.has(facts.messageType) ? ` seq ${facts.sequenceNumber}` : '';
  return `${facts.messageType || '(no type)'}${seq}, ${pt}, ${payloadLength}-byte payload`;
}

/** Describes a whole capture. */
export function describeCapture(records: CaptureRecord[], options: InspectOptions = {}): FrameDescription[] {
  const describer = new CaptureDescriber(options);
  return records.map((r) => describer.describe(r));
}
