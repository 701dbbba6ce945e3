// asciicast v2 (the `.cast` format asciinema plays): one JSON header line, then one JSON array
// per event: [seconds since start, code, data]. Parsing is strict about shape so a truncated or
// foreign file fails with a line number instead of playing garbage.

/** Header line of an asciicast v2 file. */
export interface CastHeader {
  version: 2;
  width: number;
  height: number;
  /** Unix seconds when the recording started. */
  timestamp?: number;
  title?: string;
  env?: Record<string, string>;
}

/** "o" = output written to the terminal, "i" = input typed, "r" = resize ("COLSxROWS"), "m" = marker. */
export type CastEventCode = 'o' | 'i' | 'r' | 'm';

export interface CastEvent {
  /** Seconds since the start of the recording. */
  time: number;
  code: CastEventCode;
  data: string;
}

export interface Cast {
  header: CastHeader;
  events: CastEvent[];
}

export class CastFormatError extends Error {
  override readonly name = 'CastFormatError';
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`asciicast line ${line}: ${problem}`);
  }
}

const EVENT_CODES: ReadonlySet<string> = new Set(['o', 'i', 'r', 'm']);

/** Timestamps are written with microsecond precision, as asciinema does. */
const TIME_DECIMALS = 6;

export function formatHeader(header: CastHeader): string {
  return JSON.stringify(header) + '\n';
}

export function formatEvent(event: CastEvent): string {
  return JSON.stringify([Number(event.time.toFixed(TIME_DECIMALS)), event.code, event.data]) + '\n';
}

/** "COLSxROWS", the data of an "r" event. */
export function resizeData(cols: number, rows: number): string {
  return `${cols}x${rows}`;
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

export function parseHeader(line: string, lineNo = 1): CastHeader {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new CastFormatError(lineNo, 'header is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CastFormatError(lineNo, 'header is not a JSON object');
  }
  const h = value as Record<string, unknown>;
  if (h.version !== 2) throw new CastFormatError(lineNo, `unsupported version ${String(h.version)} (only 2)`);
  if (!isPositiveInt(h.width) || !isPositiveInt(h.height)) {
    throw new CastFormatError(lineNo, 'header width/height must be positive integers');
  }
  return h as unknown as CastHeader;
}

export function parseEvent(line: string, lineNo: number): CastEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new CastFormatError(lineNo, 'event is not JSON');
  }
  if (!Array.isArray(value) || value.length !== 3) {
    throw new CastFormatError(lineNo, 'event must be [time, code, data]');
  }
  const [time, code, data] = value as unknown[];
  if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) {
    throw new CastFormatError(lineNo, 'event time must be a non-negative number');
  }
  if (typeof code !== 'string' || !EVENT_CODES.has(code)) {
    throw new CastFormatError(lineNo, `unknown event code ${JSON.stringify(code)}`);
  }
  if (typeof data !== 'string') throw new CastFormatError(lineNo, 'event data must be a string');
  return { time, code: code as CastEventCode, data };
}

/** Parses a whole .cast text. Blank lines are ignored (a trailing newline is normal). */
export function parseCast(text: string): Cast {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw new CastFormatError(1, 'file is empty');
  const header = parseHeader(lines[first] ?? '', first + 1);
  const events: CastEvent[] = [];
  for (let i = first + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    events.push(parseEvent(line, i + 1));
  }
  return { header, events };
}
