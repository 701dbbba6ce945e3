/**
 * The text of a message a `ws` socket received. `ws` hands a Buffer unless the socket's
 * binaryType asks for an ArrayBuffer or for fragments; this reads all three the same way, where
 * `String(data)` would turn the other two into '[object ArrayBuffer]' or comma-joined pieces.
 */
import type { RawData } from 'ws';

export function wsText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
