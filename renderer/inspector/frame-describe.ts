// Describes a data-channel frame for the inspector from its bytes: the fixed header fields
// (protocol §1.1 offsets) and a readable preview of the payload.

const HEADER = { PAYLOAD_TYPE: 112, PAYLOAD_LENGTH: 116, PAYLOAD: 120, FLAGS: 56 } as const;
/** A preview is one line in a list; the full bytes show in the hex view. */
const PREVIEW_CHARS = 120;

const PAYLOAD_TYPES: Readonly<Record<number, string>> = {
  0: 'none',
  1: 'Output',
  2: 'Error',
  3: 'Size',
  4: 'Parameter',
  5: 'HandshakeRequest',
  6: 'HandshakeResponse',
  7: 'HandshakeComplete',
  8: 'EncChallengeRequest',
  9: 'EncChallengeResponse',
  10: 'Flag',
  11: 'StdErr',
  12: 'ExitCode',
};

export interface FrameDescription {
  readonly payloadType: string;
  readonly flags: string;
  readonly payloadLength: number;
  readonly preview: string;
  readonly bytes: Uint8Array;
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** Printable ASCII as is, common controls as escapes, the rest as \xNN. */
export function printable(bytes: Uint8Array, max = PREVIEW_CHARS): string {
  let out = '';
  for (const b of bytes.subarray(0, max)) {
    if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else if (b === 0x1b) out += '\\e';
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return bytes.byteLength > max ? `${out}…` : out;
}

function flagNames(flags: number): string {
  if (flags === 0) return 'data';
  const names = [flags & 1 ? 'SYN' : '', flags & 2 ? 'FIN' : ''].filter(Boolean);
  return names.length > 0 ? names.join('|') : String(flags);
}

export function describeFrame(frameBase64: string): FrameDescription {
  const bytes = base64ToBytes(frameBase64);
  // open_data_channel is a JSON text message, not a binary frame.
  if (bytes.byteLength < HEADER.PAYLOAD || bytes[0] === 0x7b) {
    return { payloadType: 'text', flags: '', payloadLength: bytes.byteLength, preview: printable(bytes), bytes };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = view.getUint32(HEADER.PAYLOAD_TYPE);
  const length = view.getUint32(HEADER.PAYLOAD_LENGTH);
  const flags = Number(view.getBigUint64(HEADER.FLAGS) & 0xffn);
  const payload = bytes.subarray(HEADER.PAYLOAD, HEADER.PAYLOAD + length);
  return { payloadType: PAYLOAD_TYPES[type] ?? `type ${type}`, flags: flagNames(flags), payloadLength: length, preview: printable(payload), bytes };
}

/** Classic 16-bytes-per-line hex dump with an ASCII column. */
export function hexDump(bytes: Uint8Array, maxBytes = 4096): string {
  const lines: string[] = [];
  const shown = bytes.subarray(0, maxBytes);
  for (let at = 0; at < shown.byteLength; at += 16) {
    const row = shown.subarray(at, at + 16);
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${at.toString(16).padStart(6, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  if (bytes.byteLength > maxBytes) lines.push(`… ${bytes.byteLength - maxBytes} more bytes`);
  return lines.join('\n');
}
