// The one field the reliability layer needs from an acknowledge (§4.1): its sequence number.
// Acks are half the frames on the wire, so the canonical text both official senders write is
// checked byte by byte in place, without building strings; any other spelling goes through
// decodeAcknowledge, which parses the JSON in full. Both accept and refuse the same payloads.
import { decodeAcknowledge } from './payloads.js';

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const OPEN = ascii('{"AcknowledgedMessageType":"');
const AFTER_TYPE = ascii('","AcknowledgedMessageId":"');
const AFTER_ID = ascii('","AcknowledgedMessageSequenceNumber":');
const AFTER_SEQ = ascii(',"IsSequentialMessage":');
const TRUE_END = ascii('true}');
const FALSE_END = ascii('false}');
/** More digits than a safe integer can have: left to the full parser (which refuses it). */
const MAX_DIGITS = 16;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * AcknowledgedMessageSequenceNumber of an ack payload: `bytes` from `start` to the end (a frame
 * and its payload offset, so the common case makes no view). Throws FrameError like decodeAcknowledge.
 */
export function ackSequenceNumber(bytes: Uint8Array, start = 0): number {
  return canonicalSequence(bytes, start) ?? decodeAcknowledge(bytes.subarray(start)).acknowledgedMessageSequenceNumber;
}

/** The sequence number when bytes[start..] is exactly the canonical text, else undefined. */
function canonicalSequence(p: Uint8Array, start: number): number | undefined {
  let at = literal(p, start, OPEN);
  at = at < 0 ? -1 : literal(p, verbatimString(p, at), AFTER_TYPE);
  at = at < 0 ? -1 : literal(p, verbatimString(p, at), AFTER_ID);
  if (at < 0) return undefined;
  const negative = p[at] === MINUS;
  if (negative) at++;
  const first = at;
  let value = 0;
  while (at < p.length && (p[at] as number) >= ZERO && (p[at] as number) <= NINE) value = value * 10 + ((p[at++] as number) - ZERO);
  const digits = at - first;
  // JSON numbers: no leading zeros; too many digits may not be exact, so the full parser decides.
  if (digits === 0 || digits > MAX_DIGITS || (digits > 1 && p[first] === ZERO)) return undefined;
  at = literal(p, at, AFTER_SEQ);
  if (at < 0) return undefined;
  const end = p[at] === TRUE_END[0] ? literal(p, at, TRUE_END) : literal(p, at, FALSE_END);
  if (end !== p.length || !Number.isSafeInteger(value)) return undefined;
  return negative ? -value : value;
}

/** Index after `expected` when `p` holds it at `at`, else -1. */
function literal(p: Uint8Array, at: number, expected: Uint8Array): number {
  if (at < 0 || at + expected.length > p.length) return -1;
  for (let i = 0; i < expected.length; i++) if (p[at + i] !== expected[i]) return -1;
  return at + expected.length;
}

/** Index of the closing quote of a string JSON keeps verbatim (printable ASCII, no escapes), else -1. */
function verbatimString(p: Uint8Array, at: number): number {
  for (let i = at; i < p.length; i++) {
    const b = p[i] as number;
    if (b === QUOTE) return i;
    if (b < 0x20 || b > 0x7e || b === BACKSLASH) return -1;
  }
  return -1;
}
