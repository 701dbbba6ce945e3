// The ceiling for the UI bench's showing tab: how fast xterm itself parses the floods' content in
// the bench's page, with nothing between (no websocket, no main, no round trip). A terminal of the
// same library and renderer, the same size and font as the app's active terminal, is laid over
// it and fed in batches of main's size, with at most main's flow-control window (high watermark
// plus one batch) written and not yet parsed: each write callback lets the next batch in at once,
// as an ack would if the round trip took no time. Timed from the first write to the last write's
// callback; frames keep being drawn meanwhile (their deltas are sampled), as in the app.
// Serialised into the page, so self-contained.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { SHELLS } from '../../main/sessions/shells/constants.js';

export const UI_XTERM_RAW = {
  /** Bytes parsed for `base64` lines: a few seconds of screen time at the rates seen, long enough that start-up costs vanish. */
  BASE64_BYTES: 8 * 1024 * 1024,
  /** …and for `yes`, which parses several times slower (a scroll every 2 bytes). */
  YES_BYTES: 4 * 1024 * 1024,
  /** Line length of `base64` output (coreutils wraps at 76). */
  BASE64_LINE: 76,
  /** Issue 16 §4's rate: `base64` lines are also fed at this pace, to see whether xterm alone holds it within the frame target. */
  PACED_MBPS: 10,
} as const;

export interface RawRate {
  readonly mbps: number;
  /** Frame deltas meanwhile, p95 (ms). */
  readonly frameP95Ms: number;
}

export interface RawParse {
  /** Lines like `base64 /dev/urandom` writes. */
  readonly base64: RawRate;
  /** `yes` output (2-byte lines: a scroll every 2 bytes). */
  readonly yes: RawRate;
  /** `base64` lines fed at UI_XTERM_RAW.PACED_MBPS (what each frame owes, in batches, within the window). */
  readonly paced: RawRate;
  /** The size both were parsed at (the app's active terminal). */
  readonly cols: number;
  readonly rows: number;
}

// The page's globals, typed here (the bench compiles without the DOM library).
interface RawEl {
  style: { cssText: string };
  children: { length: number; [index: number]: RawEl | undefined };
  textContent: string | null;
  remove(): void;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  querySelector(selector: string): RawEl | null;
}
interface RawWindow {
  Terminal: { new (options: object): RawTerminal } | { Terminal: new (options: object) => RawTerminal };
  document: {
    querySelector(selector: string): RawEl | null;
    createElement(tag: 'div'): RawEl;
    body: { appendChild(el: RawEl): void };
  };
  getComputedStyle(el: RawEl): { fontFamily: string; fontSize: string };
  requestAnimationFrame(cb: (now: number) => void): number;
}
interface RawTerminal {
  open(el: RawEl): void;
  write(data: Uint8Array, done: () => void): void;
  dispose(): void;
}

/** xterm's UMD build, the same package the renderer bundles. */
const XTERM_UMD = createRequire(import.meta.url).resolve('@xterm/xterm');

/** Needs a page opened with bypassCSP (the app's policy allows no injected script) and a terminal tab showing. */
export async function rawParseRate(page: Page): Promise<RawParse> {
  await page.addScriptTag({ path: XTERM_UMD });
  return page.evaluate(
    async ({ base64Bytes, yesBytes, chunk, window, line, pacedMBps }) => {
      const w = globalThis as unknown as RawWindow;
      const Ctor = 'Terminal' in w.Terminal ? w.Terminal.Terminal : w.Terminal;
      const app = w.document.querySelector('[data-testid="active-terminal"]');
      const rowsEl = app?.querySelector('.xterm-rows') ?? null;
      const measure = app?.querySelector('.xterm-char-measure-element') ?? null;
      const screen = app?.querySelector('.xterm-screen') ?? null;
      if (app === null || rowsEl === null || measure === null || screen === null) throw new Error('no terminal showing to measure xterm against');
      // xterm's measure element holds a run of one character: its width over their number is a cell.
      const cell = measure.getBoundingClientRect().width / Math.max(1, measure.textContent?.length ?? 1);
      const cols = Math.max(1, Math.floor(screen.getBoundingClientRect().width / cell));
      // A row is a character's height times the app's line height.
      const lineHeight = (rowsEl.children[0]?.getBoundingClientRect().height ?? 0) / Math.max(1, measure.getBoundingClientRect().height) || 1;
      const rows = rowsEl.children.length;
      const font = w.getComputedStyle(rowsEl);
      const over = app.getBoundingClientRect();
      const div = w.document.createElement('div');
      div.style.cssText = `position:fixed;z-index:10000;background:#000;left:${over.left}px;top:${over.top}px;width:${over.width}px;height:${over.height}px`;
      w.document.body.appendChild(div);
      const term = new Ctor({ scrollback: 1000, cols, rows, fontFamily: font.fontFamily, fontSize: parseFloat(font.fontSize), lineHeight });
      term.open(div);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const base64 = new Uint8Array(chunk);
      for (let i = 0; i < chunk; i++) base64[i] = i % (line + 1) === line ? 10 : alphabet.charCodeAt(Math.floor(Math.random() * 64));
      const yes = new Uint8Array(chunk);
      for (let i = 0; i < chunk; i++) yes[i] = i % 2 === 1 ? 10 : 121;
      // `pace`: bytes per ms to feed at (written from animation frames, what is owed so far), or 0 for as fast as xterm parses.
      const rate = (bytes: Uint8Array, total: number, pace = 0): Promise<{ mbps: number; frameP95Ms: number }> =>
        new Promise((resolve) => {
          const deltas: number[] = [];
          let last = -1;
          let running = true;
          const frame = (now: number): void => {
            if (last >= 0) deltas.push(now - last);
            last = now;
            if (pace > 0) pump();
            if (running) w.requestAnimationFrame(frame);
          };
          w.requestAnimationFrame(frame);
          const t0 = performance.now();
          const writes = Math.ceil(total / bytes.byteLength);
          let sent = 0;
          let parsed = 0;
          const owed = (): boolean => pace === 0 || (sent + 1) * bytes.byteLength <= (performance.now() - t0) * pace;
          const pump = (): void => {
            while (sent < writes && (sent - parsed) * bytes.byteLength < window && owed()) {
              sent++;
              term.write(bytes, () => {
                parsed++;
                if (parsed < writes) return pump();
                running = false;
                deltas.sort((a, b) => a - b);
                resolve({ mbps: (writes * bytes.byteLength) / (1024 * 1024) / ((performance.now() - t0) / 1000), frameP95Ms: deltas[Math.floor(deltas.length * 0.95)] ?? 0 });
              });
            }
          };
          pump();
        });
      try {
        return { base64: await rate(base64, base64Bytes), yes: await rate(yes, yesBytes), paced: await rate(base64, base64Bytes, (pacedMBps * 1024 * 1024) / 1000), cols, rows };
      } finally {
        term.dispose();
        div.remove();
      }
    },
    {
      base64Bytes: UI_XTERM_RAW.BASE64_BYTES,
      yesBytes: UI_XTERM_RAW.YES_BYTES,
      chunk: SHELLS.MAX_BATCH_BYTES,
      window: SHELLS.WINDOW_BYTES,
      line: UI_XTERM_RAW.BASE64_LINE,
      pacedMBps: UI_XTERM_RAW.PACED_MBPS,
    },
  );
}
