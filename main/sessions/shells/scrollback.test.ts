import { describe, expect, it } from 'vitest';
import { safeCut, Scrollback } from './scrollback.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (pieces: Uint8Array[]): string => Buffer.concat(pieces).toString('utf8');

describe('Scrollback', () => {
  it('keeps everything below the limit and replays it in pieces of at most the given size', () => {
    const sb = new Scrollback({ maxBytes: 100, safeCutSearchBytes: 16 });
    sb.push(enc('one\r\n'));
    sb.push(enc('two\r\n'));
    expect(sb.size).toBe(10);
    const pieces = sb.replay(4);
    expect(pieces.map((p) => p.byteLength)).toEqual([4, 4, 2]);
    expect(text(pieces)).toBe('one\r\ntwo\r\n');
  });

  it('drops the oldest output past the limit, cutting at the next line start', () => {
    const sb = new Scrollback({ maxBytes: 20, safeCutSearchBytes: 64 });
    sb.push(enc('line-0001\r\nline-0002\r\n'));
    sb.push(enc('line-0003\r\n'));
    // 33 bytes > 20: the cut at byte 13 falls inside "line-0002" and moves to the next line start.
    expect(sb.size).toBeLessThanOrEqual(20);
    expect(text(sb.replay(1024))).toBe('line-0003\r\n');
  });

  it('never starts a replay inside a UTF-8 character, and starts at an escape sequence when one is near', () => {
    const chars = new Scrollback({ maxBytes: 5, safeCutSearchBytes: 64 });
    chars.push(enc('ääääa')); // 9 bytes: the cut at byte 4 is a character start already
    expect(text(chars.replay(1024))).toBe('ääa');
    const split = new Scrollback({ maxBytes: 4, safeCutSearchBytes: 64 });
    split.push(enc('äääa')); // 7 bytes: the cut at byte 3 is inside the second ä and moves to byte 4
    expect(text(split.replay(1024))).toBe('äa');
    const esc = new Scrollback({ maxBytes: 10, safeCutSearchBytes: 64 });
    esc.push(enc('abcdefgh\x1b[31mred'));
    expect(text(esc.replay(1024))).toBe('\x1b[31mred');
  });

  it('re-enters the alternate screen when the cut falls inside a full-screen app', () => {
    const sb = new Scrollback({ maxBytes: 32, safeCutSearchBytes: 64 });
    sb.push(enc('$ vim\r\n\x1b[?1049h\x1b[H\x1b[2J'));
    expect(sb.alternateScreen).toBe(true);
    sb.push(enc('~\r\n~\r\n~\r\n~\r\n~\r\n~\r\n~\r\nfile.txt 1L\r\n'));
    const replay = text(sb.replay(1024));
    expect(replay.startsWith('\x1b[?1049h')).toBe(true);
    expect(replay).not.toContain('$ vim');
    expect(replay).toContain('file.txt 1L');
  });

  it('does not re-enter it when the app had left the alternate screen before the cut', () => {
    const sb = new Scrollback({ maxBytes: 16, safeCutSearchBytes: 64 });
    sb.push(enc('\x1b[?1049h~\r\n\x1b[?1049l$ ls\r\n'));
    sb.push(enc('a.txt b.txt\r\n'));
    expect(sb.alternateScreen).toBe(false);
    expect(text(sb.replay(1024))).toBe('a.txt b.txt\r\n');
  });

  it('follows a mode switch split across two chunks', () => {
    const sb = new Scrollback({ maxBytes: 1024, safeCutSearchBytes: 64 });
    sb.push(enc('top\r\n\x1b[?10'));
    expect(sb.alternateScreen).toBe(false);
    sb.push(enc('49h\x1b[H'));
    expect(sb.alternateScreen).toBe(true);
    sb.push(enc('\x1b'));
    sb.push(enc('[?1049l'));
    expect(sb.alternateScreen).toBe(false);
  });

  it('reads combined private modes (ESC[?1;1049h)', () => {
    const sb = new Scrollback({ maxBytes: 1024, safeCutSearchBytes: 64 });
    sb.push(enc('\x1b[?1;1049h'));
    expect(sb.alternateScreen).toBe(true);
    sb.push(enc('\x1b[?25l\x1b[?2004h'));
    expect(sb.alternateScreen).toBe(true);
  });

  it('stays bounded under a long flood of arbitrary bytes', () => {
    const sb = new Scrollback({ maxBytes: 64 * 1024, safeCutSearchBytes: 4096 });
    const chunk = new Uint8Array(10_000).map((_v, i) => (i * 7919) % 256);
    for (let i = 0; i < 200; i++) sb.push(chunk.slice());
    expect(sb.size).toBeLessThanOrEqual(64 * 1024);
    expect(sb.size).toBeGreaterThan(64 * 1024 - 4096 - 10_000);
    expect(sb.replay(16 * 1024).reduce((n, p) => n + p.byteLength, 0)).toBe(sb.size);
  });
});

describe('safeCut', () => {
  it('prefers a line start, then an escape, then a character start', () => {
    expect(safeCut(enc('abc\ndef'), 1, 16)).toBe(4);
    expect(safeCut(enc('abc\x1b[1mdef'), 1, 16)).toBe(3);
    expect(safeCut(enc('ääb'), 1, 16)).toBe(2);
    expect(safeCut(enc('abcdefgh\n'), 1, 4)).toBe(1); // the line start is too far: stay at a character start
  });
});
