import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CastFormatError, CastRecorder, parseCast, playCastText, openCastFile } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'porthole-cast-'));
  dirs.push(d);
  return d;
}

/** Splits `bytes` at the given cut points (which may fall inside a multi-byte code point). */
function chunk(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  return out;
}

async function replay(text: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  await playCastText(text, (d) => parts.push(Buffer.from(d, 'utf8')), { idleLimit: 0 });
  return Buffer.concat(parts);
}

describe('asciicast recorder and player', () => {
  it('writes a v2 header, timed "o" events and "r" resize events', () => {
    let clock = 1000;
    const lines: string[] = [];
    const rec = new CastRecorder((t) => lines.push(t), { width: 100, height: 30, now: () => clock, startedAt: 1_700_000_000_500, env: { TERM: 'xterm-256color' } });
    clock = 1250;
    rec.output(new TextEncoder().encode('$ '));
    clock = 2000;
    rec.resize(120, 40);
    rec.close();
    expect(lines).toEqual([
      '{"version":2,"width":100,"height":30,"timestamp":1700000000,"env":{"TERM":"xterm-256color"}}\n',
      '[0.25,"o","$ "]\n',
      '[1,"r","120x40"]\n',
    ]);
  });

  it('holds back a code point split across chunks so no replacement character is recorded', () => {
    const lines: string[] = [];
    const rec = new CastRecorder((t) => lines.push(t), { width: 80, height: 24, now: () => 0 });
    const euro = new TextEncoder().encode('€'); // e2 82 ac
    rec.output(euro.subarray(0, 1));
    rec.output(euro.subarray(1));
    rec.close();
    expect(lines.slice(1)).toEqual(['[0,"o","€"]\n']);
  });

  it('a recording written to a file plays back byte-identical output', async () => {
    const path = join(tempDir(), 'session.cast');
    const source = new TextEncoder().encode('sh-5.2$ echo héllo ✓ 🚀\r\nhéllo ✓ 🚀\r\n\x1b[1;32mgreen\x1b[0m\r\nsh-5.2$ exit\r\n');
    const file = await openCastFile(path, { width: 80, height: 24 });
    for (const c of chunk(source, [3, 17, 18, 19, 31, 33, 34, 35, 36, 60])) file.recorder.output(c);
    file.recorder.resize(90, 30);
    await file.finish();
    const text = readFileSync(path, 'utf8');
    expect(parseCast(text).header).toMatchObject({ version: 2, width: 80, height: 24 });
    expect(Buffer.compare(await replay(text), Buffer.from(source))).toBe(0);
  });

  it('any valid UTF-8 output split anywhere replays byte-identical (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fc.nat(), { maxLength: 12 }), async (s, cuts) => {
        const bytes = new TextEncoder().encode(s);
        const lines: string[] = [];
        const rec = new CastRecorder((t) => lines.push(t), { width: 80, height: 24 });
        for (const c of chunk(bytes, cuts)) rec.output(c);
        rec.close();
        expect(Buffer.compare(await replay(lines.join('')), Buffer.from(bytes))).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('plays events in order at the requested speed and reports resizes', async () => {
    const text = '{"version":2,"width":80,"height":24}\n[0.01,"o","a"]\n[0.02,"r","100x50"]\n[0.03,"o","b"]\n';
    const seen: string[] = [];
    await playCastText(text, (d) => seen.push(d), { speed: 10, onResize: (c, r) => seen.push(`${c}x${r}`) });
    expect(seen).toEqual(['a', '100x50', 'b']);
  });

  it('stops when aborted', async () => {
    const text = '{"version":2,"width":80,"height":24}\n[0,"o","a"]\n[60,"o","never"]\n';
    const ac = new AbortController();
    const seen: string[] = [];
    const playing = playCastText(text, (d) => { seen.push(d); ac.abort(); }, { idleLimit: Infinity, signal: ac.signal });
    await playing;
    expect(seen).toEqual(['a']);
  });

  it('rejects malformed files with the line number', () => {
    expect(() => parseCast('')).toThrow(CastFormatError);
    expect(() => parseCast('{"version":1,"width":80,"height":24}')).toThrow(/line 1: unsupported version 1/);
    expect(() => parseCast('{"version":2,"width":80,"height":24}\n[0,"o","ok"]\n[0.5,"x","?"]\n')).toThrow(/line 3: unknown event code "x"/);
    expect(() => parseCast('{"version":2,"width":80,"height":24}\n[0,"o"]\n')).toThrow(/line 2: event must be \[time, code, data\]/);
  });
});
