// The ceiling for the UI bench's showing tab: how fast xterm itself parses the floods' content in
// the bench's page, with nothing between (no websocket, no flow control). A terminal of the same
// library and renderer is laid over the app's active terminal, fed in batches of main's size with
// every write queued at once, and timed from the first write to the last write's callback; frames
// keep being drawn meanwhile, as in the app. Serialised into the page, so self-contained.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { SHELLS } from '../../main/sessions/shells/constants.js';

export const UI_XTERM_RAW = {
  /** Bytes parsed per content: a few seconds of screen time at the rates seen, long enough that start-up costs vanish. */
  BYTES: 8 * 1024 * 1024,
  /** Line length of `base64` output (coreutils wraps at 76). */
  BASE64_LINE: 76,
} as const;

export interface RawParse {
  /** MB/s for lines like `base64 /dev/urandom` writes. */
  readonly base64MBps: number;
  /** MB/s for `yes` output (2-byte lines: a scroll every 2 bytes). */
  readonly yesMBps: number;
}

// The page's globals, typed here (the bench compiles without the DOM library).
interface RawDiv {
  style: { cssText: string };
  remove(): void;
}
interface RawWindow {
  Terminal: { new (options: object): RawTerminal } | { Terminal: new (options: object) => RawTerminal };
  document: {
    querySelector(selector: string): { getBoundingClientRect(): { left: number; top: number; width: number; height: number } } | null;
    createElement(tag: 'div'): RawDiv;
    body: { appendChild(el: RawDiv): void };
  };
}
interface RawTerminal {
  open(el: RawDiv): void;
  write(data: Uint8Array, done: () => void): void;
  dispose(): void;
}

/** xterm's UMD build, the same package the renderer bundles. */
const XTERM_UMD = createRequire(import.meta.url).resolve('@xterm/xterm');

/** Needs a page opened with bypassCSP (the app's policy allows no injected script). */
export async function rawParseRate(page: Page): Promise<RawParse> {
  await page.addScriptTag({ path: XTERM_UMD });
  return page.evaluate(
    async ({ total, chunk, line }) => {
      const w = globalThis as unknown as RawWindow;
      const Ctor = 'Terminal' in w.Terminal ? w.Terminal.Terminal : w.Terminal;
      const over = w.document.querySelector('[data-testid="active-terminal"]')?.getBoundingClientRect();
      const div = w.document.createElement('div');
      div.style.cssText = `position:fixed;z-index:10000;background:#000;left:${over?.left ?? 0}px;top:${over?.top ?? 0}px;width:${over?.width ?? 1000}px;height:${over?.height ?? 600}px`;
      w.document.body.appendChild(div);
      const term = new Ctor({ scrollback: 1000, cols: 120, rows: 30 });
      term.open(div);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const base64 = new Uint8Array(chunk);
      for (let i = 0; i < chunk; i++) base64[i] = i % (line + 1) === line ? 10 : alphabet.charCodeAt(Math.floor(Math.random() * 64));
      const yes = new Uint8Array(chunk);
      for (let i = 0; i < chunk; i++) yes[i] = i % 2 === 1 ? 10 : 121;
      const rate = (bytes: Uint8Array): Promise<number> =>
        new Promise((resolve) => {
          const t0 = performance.now();
          const writes = Math.ceil(total / bytes.byteLength);
          let done = 0;
          for (let i = 0; i < writes; i++) {
            term.write(bytes, () => {
              if (++done === writes) resolve((writes * bytes.byteLength) / (1024 * 1024) / ((performance.now() - t0) / 1000));
            });
          }
        });
      try {
        return { base64MBps: await rate(base64), yesMBps: await rate(yes) };
      } finally {
        term.dispose();
        div.remove();
      }
    },
    { total: UI_XTERM_RAW.BYTES, chunk: SHELLS.MAX_BATCH_BYTES, line: UI_XTERM_RAW.BASE64_LINE },
  );
}
