// The last stretch of one session's output, kept in main so a window that takes the session over
// (after a reload, a dropped web host link, a second browser tab) shows what was on screen.
//
// Raw bytes, not a rendered screen: main has no terminal emulator, and the renderer's xterm (whose
// serialize addon could snapshot the screen) is exactly what has gone away when this is needed.
// Replaying the bytes reproduces the screen as far as the retained output reaches back, which is
// exact for shells and approximate for full-screen apps whose drawing started before the cut.
// Two things keep the approximation sound:
//  - the cut is moved to a safe point (a line start, else an escape sequence start, else a UTF-8
//    character start), so the replay never begins inside a sequence or a character;
//  - whether the alternate screen (vim, top, less) was on at the cut is tracked, and the replay
//    switches it on first, so an editor's redraws land on the alternate screen as they did live.
import { SHELLS } from './constants.js';

const LF = 0x0a;
const ESC = 0x1b;
/** `ESC [ ?`: the start of every private mode set/reset. */
const PRIVATE_MODE = Buffer.from([ESC, 0x5b, 0x3f]);
/** Modes that switch to the alternate screen (1049: with cursor save, 1047 and 47: older forms). */
const ALT_SCREEN_MODES = new Set([47, 1047, 1049]);
/** `ESC [ ? 1049 h`: what the replay starts with when the cut falls inside an alternate-screen stretch. */
const ENTER_ALT_SCREEN = Buffer.from('\x1b[?1049h', 'latin1');
/** Longest private-mode sequence worth carrying across a chunk boundary (`ESC[?1049;1047h` and the like). */
const MAX_CARRY_BYTES = 32;

interface Retained {
  bytes: Uint8Array;
  /** Whether the alternate screen was on just before these bytes. */
  altBefore: boolean;
}

export interface ScrollbackLimits {
  readonly maxBytes: number;
  readonly safeCutSearchBytes: number;
}

const DEFAULT_LIMITS: ScrollbackLimits = { maxBytes: SHELLS.SCROLLBACK_BYTES, safeCutSearchBytes: SHELLS.SAFE_CUT_SEARCH_BYTES };

/**
 * Scans for private mode set/reset sequences and returns the alternate-screen state after them.
 * `tail` is set to an unfinished sequence at the end of `bytes`, if any, to be scanned with the next chunk.
 */
function scanAltScreen(bytes: Uint8Array, alt: boolean): { alt: boolean; tail: Uint8Array | null } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = buf.indexOf(PRIVATE_MODE);
  while (at !== -1) {
    let i = at + PRIVATE_MODE.length;
    const params: number[] = [];
    let n = 0;
    let digits = false;
    while (i < buf.length) {
      const c = buf[i] ?? 0;
      if (c >= 0x30 && c <= 0x39) {
        n = n * 10 + (c - 0x30);
        digits = true;
      } else if (c === 0x3b) {
        params.push(n);
        n = 0;
        digits = false;
      } else break;
      i++;
    }
    if (i >= buf.length) {
      const rest = buf.length - at;
      return { alt, tail: rest <= MAX_CARRY_BYTES ? bytes.slice(at) : null };
    }
    if (digits) params.push(n);
    const final = buf[i];
    if ((final === 0x68 || final === 0x6c) && params.some((p) => ALT_SCREEN_MODES.has(p))) alt = final === 0x68;
    at = buf.indexOf(PRIVATE_MODE, i);
  }
  // A lone ESC or ESC [ at the very end may begin a sequence the next chunk finishes.
  const last = buf.length - 1;
  if (buf[last] === ESC) return { alt, tail: bytes.slice(last) };
  if (last >= 1 && buf[last - 1] === ESC && buf[last] === 0x5b) return { alt, tail: bytes.slice(last - 1) };
  return { alt, tail: null };
}

/** The first safe place to start a replay at or after `from` (see the file comment); `bytes.length` if none is near. */
export function safeCut(bytes: Uint8Array, from: number, searchBytes: number): number {
  const end = Math.min(bytes.byteLength, from + searchBytes);
  const window = bytes.subarray(from, end);
  const lf = window.indexOf(LF);
  if (lf !== -1) return from + lf + 1;
  const esc = window.indexOf(ESC);
  if (esc !== -1) return from + esc;
  // No line or sequence start nearby: at least never split a UTF-8 character (skip continuation bytes).
  let i = from;
  while (i < bytes.byteLength && ((bytes[i] ?? 0) & 0xc0) === 0x80) i++;
  return i;
}

export class Scrollback {
  #chunks: Retained[] = [];
  #size = 0;
  #alt = false;
  #tail: Uint8Array | null = null;

  constructor(private readonly limits: ScrollbackLimits = DEFAULT_LIMITS) {}

  /** Bytes retained now (at most maxBytes). */
  get size(): number {
    return this.#size;
  }

  /** Whether the output so far leaves the terminal on the alternate screen. */
  get alternateScreen(): boolean {
    return this.#alt;
  }

  /** Appends output as the window was sent it. The chunk is kept, not copied: the caller hands it over. */
  push(bytes: Uint8Array): void {
    if (bytes.byteLength === 0) return;
    const altBefore = this.#alt;
    const scanned = this.#scan(bytes);
    this.#alt = scanned.alt;
    this.#tail = scanned.tail;
    this.#chunks.push({ bytes, altBefore });
    this.#size += bytes.byteLength;
    this.#trim();
  }

  /**
   * The retained output as messages of at most `maxPiece` bytes, starting with the switch to the
   * alternate screen when the cut fell inside an alternate-screen stretch.
   */
  replay(maxPiece: number): Uint8Array<ArrayBuffer>[] {
    const first = this.#chunks[0];
    if (first === undefined) return [];
    const parts: Uint8Array[] = first.altBefore ? [ENTER_ALT_SCREEN, ...this.#chunks.map((c) => c.bytes)] : this.#chunks.map((c) => c.bytes);
    const total = parts.reduce((n, p) => n + p.byteLength, 0);
    const joined = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.byteLength;
    }
    const pieces: Uint8Array<ArrayBuffer>[] = [];
    for (let from = 0; from < total; from += maxPiece) pieces.push(joined.slice(from, Math.min(total, from + maxPiece)));
    return pieces;
  }

  clear(): void {
    this.#chunks = [];
    this.#size = 0;
    this.#alt = false;
    this.#tail = null;
  }

  #scan(bytes: Uint8Array): { alt: boolean; tail: Uint8Array | null } {
    const tail = this.#tail;
    if (tail === null) return scanAltScreen(bytes, this.#alt);
    // Rare: a sequence split across chunks. Scan it joined with the start of this chunk.
    const joined = new Uint8Array(tail.byteLength + bytes.byteLength);
    joined.set(tail, 0);
    joined.set(bytes, tail.byteLength);
    return scanAltScreen(joined, this.#alt);
  }

  /** Drops the oldest output beyond maxBytes, cutting the oldest kept chunk at a safe point. */
  #trim(): void {
    while (this.#size > this.limits.maxBytes) {
      const first = this.#chunks[0];
      if (first === undefined) return;
      const excess = this.#size - this.limits.maxBytes;
      if (first.bytes.byteLength <= excess) {
        this.#chunks.shift();
        this.#size -= first.bytes.byteLength; // the next chunk knows the state before it already
        continue;
      }
      const cut = safeCut(first.bytes, excess, this.limits.safeCutSearchBytes);
      const altAtCut = scanAltScreen(first.bytes.subarray(0, cut), first.altBefore).alt;
      // A view, not a copy (no memcpy per batch under a flood): the dropped part stays pinned until
      // this chunk goes too, so memory is bounded by maxBytes plus one output batch.
      const kept = first.bytes.subarray(cut);
      this.#size -= cut;
      if (kept.byteLength === 0) this.#chunks.shift();
      else this.#chunks[0] = { bytes: kept, altBefore: altAtCut };
    }
  }
}
