// UTF-8 for the binary wire codec. shared/ has neither DOM nor Node types, so TextEncoder and
// Buffer are out of reach; only short status reasons use this, never terminal bytes.

export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate cannot be encoded
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}

/** Decodes complete UTF-8; any invalid or truncated sequence becomes U+FFFD (as TextDecoder does). */
export function decodeUtf8(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0;
    const len = b0 < 0x80 ? 1 : b0 >= 0xc2 && b0 < 0xe0 ? 2 : b0 >= 0xe0 && b0 < 0xf0 ? 3 : b0 >= 0xf0 && b0 < 0xf5 ? 4 : 0;
    if (len === 0) {
      out += '\ufffd';
      i += 1;
      continue;
    }
    let cp = len === 1 ? b0 : b0 & (0xff >> (len + 1));
    let valid = i + len <= bytes.length;
    for (let k = 1; valid && k < len; k++) {
      const b = bytes[i + k] ?? 0;
      if ((b & 0xc0) !== 0x80) valid = false;
      else cp = (cp << 6) | (b & 0x3f);
    }
    const minimum = [0, 0, 0x80, 0x800, 0x10000][len] ?? 0;
    if (!valid || cp < minimum || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += '\ufffd';
      i += 1;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += len;
  }
  return out;
}
