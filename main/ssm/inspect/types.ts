// Structured description of captured frames: what `porthole inspect` renders as text and what the
// UI's inspector panel renders as a table. Plain data (JSON-serialisable), no classes.
import type { CaptureDirection, CaptureFrameKind } from './capture-record.js';

/** One header (or payload) field: where it is, its bytes, and what they mean. */
export interface FieldDescription {
  name: string;
  offset: number;
  length: number;
  /** The field's bytes, lower-case hex without separators. */
  hex: string;
  /** The decoded value, e.g. `116`, `"acknowledge"`, `3 (SYN|FIN)`. */
  value: string;
  /** Explanations: padding, the MessageId half swap, digest verdict… */
  notes: string[];
}

export type SmuxCmdName = 'SYN' | 'FIN' | 'PSH' | 'NOP' | 'UPD';

/** One smux frame completed by this data-channel message (protocol §8.3). */
export interface SmuxFrameDescription {
  /** Offset of the frame's first byte in this direction's reassembled smux byte stream. */
  streamOffset: number;
  cmd: SmuxCmdName;
  streamId: number;
  /** Data bytes after the 8-byte smux header. */
  length: number;
  /** The 8-byte header, hex. */
  headerHex: string;
  /** Data as text where printable, else a hex preview. */
  data: string;
  /** Index of the capture frame where this smux frame began, when it is not this one. */
  startedInFrame?: number;
}

export type PayloadKind = 'empty' | 'json' | 'text' | 'binary' | 'flag' | 'exit-code' | 'encrypted' | 'smux';

export interface PayloadDescription {
  offset: number;
  length: number;
  kind: PayloadKind;
  /** Human lines: pretty JSON, text, flag name, smux summary… */
  lines: string[];
  /** Parsed JSON when kind is 'json'. */
  json?: unknown;
  smux?: SmuxFrameDescription[];
}

export type DigestStatus = 'ok' | 'mismatch' | 'masked';

export interface DigestDescription {
  stored: string;
  computed: string;
  status: DigestStatus;
  /** For masked payloads: the check made on the real bytes at capture time, when recorded. */
  atCapture?: boolean;
}

export interface FrameDescription {
  /** 1-based position in the capture. */
  index: number;
  /** Milliseconds since the capture started. */
  t: number;
  dir: CaptureDirection;
  kind: CaptureFrameKind;
  length: number;
  /** One line: type, seq, payload type, size. */
  summary: string;
  fields: FieldDescription[];
  payload?: PayloadDescription;
  digest?: DigestDescription;
  /** Session-level observations: retransmissions, handshake results, session type learnt… */
  notes: string[];
  /** What is malformed about the frame (a sound frame has none). */
  problems: string[];
  /** Secret values overwritten in the capture. */
  masked: string[];
  /** Hexdump of the whole frame, one string per 16 bytes. */
  hexdump: string[];
}
