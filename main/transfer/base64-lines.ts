// Base64 in bounded lines, both ways: chunks we type become LINE_CHARS-column lines; text the
// remote prints (lines of any width, \r tolerated) decodes incrementally, 4 characters at a time.
import { TRANSFER } from './constants.js';

/** `bytes` as base64 lines of LINE_CHARS, each ending in \n. */
export function toBase64Lines(bytes: Uint8Array): Buffer {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
  const lines = Math.ceil(text.length / TRANSFER.LINE_CHARS);
  const out = Buffer.allocUnsafe(text.length + lines);
  let o = 0;
  for (let at = 0; at < text.length; at += TRANSFER.LINE_CHARS) {
    o += out.write(text.slice(at, at + TRANSFER.LINE_CHARS), o, 'latin1');
    out[o++] = 0x0a;
  }
  return out;
}

const BASE64_TEXT = /^[A-Za-z0-9+/=]*$/;

/** Decodes base64 text arriving in arbitrary pieces; characters outside the alphabet other than line breaks are an error. */
export class Base64LineDecoder {
  #carry = '';

  /** Decoded bytes of every complete 4-character group seen so far. */
  push(text: Buffer): Buffer {
    const clean = this.#carry + text.toString('latin1').replace(/[\r\n]/g, '');
    if (!BASE64_TEXT.test(clean)) throw new Error('the data stream holds characters outside base64');
    const whole = clean.length - (clean.length % 4);
    this.#carry = clean.slice(whole);
    return whole === 0 ? Buffer.alloc(0) : Buffer.from(clean.slice(0, whole), 'base64');
  }

  /** Throws when a partial group is left over (the stream was cut). */
  end(): void {
    if (this.#carry.length > 0) throw new Error('the data stream ended inside a base64 group');
  }
}
