/**
 * Splits a byte stream into messages of at most `max` bytes that never cut a UTF-8 code point
 * in two (§7.3: the agent holds back up to 3 trailing bytes of an incomplete sequence and
 * prepends them to the next read). Bytes that are not a valid sequence prefix are passed
 * through as they are, so binary output is never held back.
 */
/** The empty held-back tail, shared (never written). */
const NOTHING = new Uint8Array(0);

export class Utf8Chunker {
  private pending: Uint8Array = NOTHING;

  constructor(private readonly max: number) {}

  /** Feeds bytes; returns the complete chunks ready to send (the incomplete tail stays held). */
  push(bytes: Uint8Array): Uint8Array[] {
    const data = this.pending.length === 0 ? bytes : concat(this.pending, bytes);
    const out: Uint8Array[] = [];
    let start = 0;
    while (data.length - start > this.max) {
      let end = start + this.max;
      end = boundaryAtOrBefore(data, end, start);
      out.push(data.subarray(start, end));
      start = end;
    }
    const rest = data.subarray(start);
    const keep = incompleteTailLength(rest);
    if (rest.length > keep) out.push(rest.subarray(0, rest.length - keep));
    // A copy, never a view: callers may reuse the buffer they passed in (CombinedOutputFile does),
    // and Buffer#slice, unlike Uint8Array#slice, would share its bytes.
    this.pending = keep === 0 ? NOTHING : Uint8Array.prototype.slice.call(rest, rest.length - keep);
    return out;
  }

  /** Returns whatever is held back (at end of stream). */
  flush(): Uint8Array[] {
    const rest = this.pending;
    this.pending = NOTHING;
    return rest.length > 0 ? [rest] : [];
  }
}

/** Largest cut ≤ `end` that does not split a code point; falls back to `end` for non-UTF-8. */
function boundaryAtOrBefore(data: Uint8Array, end: number, start: number): number {
  for (let i = end; i > Math.max(start, end - 3); i--) {
    const b = data[i];
    if (b === undefined || !isContinuation(b)) return i === start ? end : i;
  }
  return end;
}

/** Length (0–3) of a trailing valid-but-incomplete multi-byte sequence. */
function incompleteTailLength(data: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, data.length); back++) {
    const b = data[data.length - back] as number;
    if (isContinuation(b)) continue;
    const need = sequenceLength(b);
    return need > back ? back : 0;
  }
  return 0;
}

function isContinuation(b: number): boolean {
  return (b & 0xc0) === 0x80;
}

function sequenceLength(lead: number): number {
  if ((lead & 0xe0) === 0xc0) return 2;
  if ((lead & 0xf0) === 0xe0) return 3;
  if ((lead & 0xf8) === 0xf0) return 4;
  return 1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
