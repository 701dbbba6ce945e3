import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TraceEvent } from './ui-main-thread.js';
import { scriptKinds } from './ui-trace-capture.js';

let dir = '';
afterEach(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
  dir = '';
});

const call = (url: string | undefined, lineNumber = 1, columnNumber = 0): TraceEvent => ({
  name: 'FunctionCall',
  ph: 'X',
  pid: 1,
  tid: 1,
  ts: 0,
  dur: 1,
  ...(url === undefined ? {} : { args: { data: { url, lineNumber, columnNumber } } }),
});

/** Base64 VLQ, as source maps encode each number. */
function vlq(n: number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += chars[digit] ?? '';
  } while (v > 0);
  return out;
}

describe('scriptKinds', () => {
  it('names a bundle position by the source its map gives: ours (renderer/, React), other (any other package)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'porthole-trace-kinds-'));
    // Line 1 maps to the first source, line 2 to the second, line 3 to the third (VLQ: source index +1 each line).
    const map = { version: 3, file: 'index-abc.js', sources: ['../../../renderer/terminal/ack-counter.ts', '../../../node_modules/react-dom/cjs/react-dom.production.js', '../../../node_modules/zod/index.js'], names: [], mappings: 'AAAA;ACAA;ACAA' };
    await writeFile(join(dir, 'index-abc.js'), 'a\nb\nc\n');
    await writeFile(join(dir, 'index-abc.js.map'), JSON.stringify(map));
    const kind = scriptKinds(dir);
    const url = 'http://127.0.0.1:1234/assets/index-abc.js?v=1';
    expect(kind(call(url, 1))).toBe('ours');
    expect(kind(call(url, 2))).toBe('ours');
    expect(kind(call(url, 3))).toBe('other');
    // A script the build does not have (a page evaluation), and the bench's injected probes (no URL).
    expect(kind(call('http://127.0.0.1:1234/assets/elsewhere.js', 1))).toBe('other');
    expect(kind(call(undefined))).toBe('ours');
  });

  it('follows a position in xterm’s bundled code into xterm’s own map: its write buffer is parsing, its render debouncer drawing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'porthole-trace-kinds-'));
    // Positions in xterm 6.0.0's lib/xterm.mjs (0-based line, column) that its map gives to these sources.
    const writeBuffer = [48, 115884]; // src/common/input/WriteBuffer.ts
    const renderDebouncer = [46, 38036]; // src/browser/RenderDebouncer.ts
    // …and [46, 51282] is src/browser/services/SelectionService.ts, neither.
    const segment = (line: number, col: number, prev: number[]): string => [0, 0, line - (prev[0] ?? 0), col - (prev[1] ?? 0)].map(vlq).join('');
    const map = {
      version: 3,
      file: 'term-abc.js',
      sources: ['../../../node_modules/@xterm/xterm/lib/xterm.mjs'],
      names: [],
      mappings: [segment(48, 115884, [0, 0]), segment(46, 38036, writeBuffer), segment(46, 51282, renderDebouncer)].join(';'),
    };
    await writeFile(join(dir, 'term-abc.js'), 'a\nb\nc\n');
    await writeFile(join(dir, 'term-abc.js.map'), JSON.stringify(map));
    const kind = scriptKinds(dir);
    expect(kind(call('http://h/assets/term-abc.js', 1, 0))).toBe('parse');
    expect(kind(call('http://h/assets/term-abc.js', 2, 0))).toBe('draw');
    expect(kind(call('http://h/assets/term-abc.js', 3, 0))).toBe('other');
  });
});
