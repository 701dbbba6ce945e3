// One captured websocket frame, as written by the capture writer (one JSON object per line) and as
// read back by the inspector. The reader also accepts the recordings in testing/conformance:
// real/*.jsonl (`raw` base64, `textFrame`) and e2e_transcript.json frames (`hex`, `ws_type`).

/** Who sent the frame: the client (plugin / Porthole) or the server side (MGS relaying the agent). */
export type CaptureDirection = 'client->server' | 'server->client';

/** Websocket opcode class: the OpenDataChannel JSON is a text frame, everything else binary. */
export type CaptureFrameKind = 'binary' | 'text';

export interface CaptureRecord {
  /** Milliseconds since the capture started. */
  t: number;
  dir: CaptureDirection;
  kind: CaptureFrameKind;
  /** The frame's bytes exactly as on the wire, except masked values (see `masked`). */
  raw: Uint8Array;
  /** Names of the values overwritten with '*' of the same length (offsets stay true). */
  masked?: string[];
  /** SHA-256 check made at capture time on the unmasked payload (undefined for text frames). */
  digestOk?: boolean;
}

/** The JSON line form of a CaptureRecord. */
export interface CaptureLine {
  t: number;
  dir: CaptureDirection;
  kind: CaptureFrameKind;
  raw: string;
  masked?: string[];
  digestOk?: boolean;
}

export class CaptureFormatError extends Error {
  override readonly name = 'CaptureFormatError';
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`capture line ${line}: ${problem}`);
  }
}

export function formatCaptureRecord(record: CaptureRecord): string {
  const line: CaptureLine = { t: record.t, dir: record.dir, kind: record.kind, raw: Buffer.from(record.raw).toString('base64') };
  if (record.masked && record.masked.length > 0) line.masked = record.masked;
  if (record.digestOk !== undefined) line.digestOk = record.digestOk;
  return JSON.stringify(line) + '\n';
}

const DIRECTION_ALIASES: Record<string, CaptureDirection> = {
  'client->server': 'client->server',
  'server->client': 'server->client',
  'plugin->mgs': 'client->server',
  'mgs->plugin': 'server->client',
  out: 'client->server',
  in: 'server->client',
};

/** The frame a line describes, or null for lines that carry no frame (events, notes). */
export function parseCaptureObject(value: unknown, lineNo: number): CaptureRecord | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CaptureFormatError(lineNo, 'not a JSON object');
  }
  const o = value as Record<string, unknown>;
  const dir = typeof o.dir === 'string' ? DIRECTION_ALIASES[o.dir] : undefined;
  const t = typeof o.t === 'number' ? o.t : typeof o.t_ms === 'number' ? o.t_ms : 0;
  if (dir === undefined) return null; // e.g. {"event":"client closed"} or dir "event"
  const base = { t, dir };
  if (typeof o.textFrame === 'string') return { ...base, kind: 'text', raw: Buffer.from(o.textFrame, 'utf8') };
  if (o.ws_type === 'text' && typeof o.text === 'string') return { ...base, kind: 'text', raw: Buffer.from(o.text, 'utf8') };
  const kind: CaptureFrameKind = o.kind === 'text' ? 'text' : 'binary';
  let raw: Uint8Array | undefined;
  if (typeof o.raw === 'string') raw = Buffer.from(o.raw, 'base64');
  else if (o.ws_type === 'binary' && typeof o.hex === 'string') raw = Buffer.from(o.hex, 'hex');
  if (raw === undefined) throw new CaptureFormatError(lineNo, 'frame line has no "raw" (base64) bytes');
  const record: CaptureRecord = { ...base, kind, raw };
  if (Array.isArray(o.masked)) record.masked = o.masked.filter((m): m is string => typeof m === 'string');
  if (typeof o.digestOk === 'boolean' && kind === 'binary') record.digestOk = o.digestOk;
  return record;
}

/**
 * Parses a capture file: JSON lines (ours or conformance real/*.jsonl), or one JSON document with
 * a `frames` array (conformance e2e_transcript.json).
 */
export function parseCapture(text: string): CaptureRecord[] {
  const whole = parseWholeDocument(text);
  if (whole) return whole.map((f, i) => parseCaptureObject(f, i + 1)).filter((r): r is CaptureRecord => r !== null);
  const records: CaptureRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new CaptureFormatError(i + 1, 'not JSON');
    }
    const record = parseCaptureObject(value, i + 1);
    if (record) records.push(record);
  });
  return records;
}

/** The `frames` array when the text is one JSON document holding one, else null (JSON lines). */
function parseWholeDocument(text: string): unknown[] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  const frames = typeof doc === 'object' && doc !== null ? (doc as { frames?: unknown }).frames : undefined;
  return Array.isArray(frames) ? frames : null;
}
