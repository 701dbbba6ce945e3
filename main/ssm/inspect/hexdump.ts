// Classic hexdump lines: offset, 16 bytes in two groups of eight, printable ASCII.

const BYTES_PER_LINE = 16;
const OFFSET_DIGITS = 4;

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** `00 00 00 74` — bytes as spaced hex. */
export function spacedHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function printable(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}

export function hexdump(bytes: Uint8Array): string[] {
  const lines: string[] = [];
  const digits = Math.max(OFFSET_DIGITS, bytes.length.toString(16).length);
  for (let at = 0; at < bytes.length; at += BYTES_PER_LINE) {
    const row = bytes.subarray(at, Math.min(at + BYTES_PER_LINE, bytes.length));
    const left = spacedHex(row.subarray(0, 8));
    const right = spacedHex(row.subarray(8));
    const hexPart = `${left.padEnd(23)}  ${right.padEnd(23)}`;
    lines.push(`${at.toString(16).padStart(digits, '0')}  ${hexPart}  |${Array.from(row, printable).join('')}|`);
  }
  return lines;
}
