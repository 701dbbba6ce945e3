// Keystroke → screen for the UI bench, with where the time goes: keydown → the input frame leaves
// on the websocket → the echo's output message arrives → xterm.write was called (the bridge's
// message listener returned: decode, validation, routing) → xterm parsed it (its buffer shows the
// letter) → painted (the first animation frame after parsing; xterm draws in the frame its parse
// asked for, which comes before ours). No animation-frame loop runs while a key is in flight: a
// page that keeps asking for frames makes Chromium hold other tasks after a key until the next
// frame (its scheduling of tasks after input), which would add the very frame being measured.
// The probe also counts output bytes reaching the page per session (ui-floods.ts reads them).
// The probe is installed before the page loads (it wraps the page's WebSocket); it reads xterm's
// buffer only through the test build's read hook. Serialised into the page, so self-contained.
import type { Page } from 'playwright-core';
import { spread, type Spread } from './ui-page.js';

export const UI_KEYS = {
  /** A keystroke whose echo has not shown by then is lost, not slow. */
  KEY_TIMEOUT_MS: 20_000,
  /** How often the probe looks at xterm's buffer after the echo's message when xterm parses it later. */
  PARSE_POLL_MS: 1,
  /** How often the bench polls for a bare prompt after Ctrl-U (a timer, never animation frames). */
  PROMPT_POLL_MS: 10,
} as const;

/** Wire type code of output_stream_data (shared/contract/wire.ts), and of input_stream_data. */
const WIRE_OUTPUT = 1;
const WIRE_INPUT = 2;
/** …and of ack. */
const WIRE_ACK = 3;

interface KeyTimes {
  key: number;
  send: number;
  message: number;
  written: number;
  parsed: number;
  painted: number;
}

interface ProbeWindow {
  __portholeTest: { activeLastLine(): string | null; activeSessionId(): string | null; parsedBytes(sessionId: string): number };
  __benchKeys?: { arm(want: string): Promise<KeyTimes> };
  /** Output bytes that reached the page per session (message bodies), for the catch-up figure. */
  __benchReceived?: Record<string, number>;
  /** Dry spells of one session's flow control as the page sees them (ui-floods.ts). */
  __benchRoundTrips?: RoundTripProbe;
  /** Function-typed members with a `this`: the probe lifts them off the prototype and calls them back with .call(socket). */
  WebSocket: { prototype: { send: (this: unknown, data: unknown) => void; addEventListener: (this: unknown, type: string, fn: (e: { data: unknown }) => void, options?: unknown) => void } };
  addEventListener(type: 'keydown', listener: () => void, capture: boolean): void;
  requestAnimationFrame(cb: () => void): number;
}

/**
 * How long one session's xterm waits with nothing to parse: from an ack the page sends when xterm
 * has parsed every output byte that reached the page (xterm is dry: the ack is sent from its write
 * callback) to the next output message of that session reaching the page's message task. That is
 * the ack's way to main, main's next send, and the batch's way back, including any wait for the
 * page's main thread. A dry spell whose last ack waits in the ack counter (under one unit) is not
 * seen, so the figures undercount the waiting, never overcount it.
 */
export interface RoundTripProbe {
  start(session: string): void;
  /** Stops sampling; each wait in ms. */
  stop(): number[];
}

/** Installs the probe into every document the page loads; call before page.goto. */
export async function installKeyProbe(page: Page): Promise<void> {
  await page.addInitScript(
    ({ output, input, ack, pollMs }) => {
      const w = globalThis as unknown as ProbeWindow;
      const received: Record<string, number> = {};
      w.__benchReceived = received;
      let trip: { session: string; dryAt: number | null; samples: number[] } | null = null;
      w.__benchRoundTrips = {
        start: (session) => {
          trip = { session, dryAt: null, samples: [] };
        },
        stop: () => {
          const samples = trip?.samples ?? [];
          trip = null;
          return samples;
        },
      };
      let armed: { want: string; t: Partial<KeyTimes>; resolve(t: KeyTimes): void } | null = null;
      // Only the last line: reading the whole buffer (10,000 lines of scrollback after the Ctrl-C
      // floods) took milliseconds per look, counted in write → parsed and delaying the paint.
      const lastLine = (): string => (w.__portholeTest.activeLastLine() ?? '').trimEnd();
      const shows = (): boolean => armed !== null && lastLine().endsWith(armed.want);
      const paint = (): void => {
        w.requestAnimationFrame(() => {
          const a = armed;
          if (a === null) return;
          a.t.painted = performance.now();
          armed = null;
          a.resolve(a.t as KeyTimes);
        });
      };
      const awaitParse = (): void => {
        if (armed === null || armed.t.parsed !== undefined) return;
        if (shows()) {
          armed.t.parsed = performance.now();
          paint();
        } else setTimeout(awaitParse, pollMs);
      };
      const sessionOf = (frame: Uint8Array): string => String.fromCharCode(...frame.subarray(2, 2 + (frame[1] ?? 0)));
      w.addEventListener(
        'keydown',
        () => {
          if (armed !== null && armed.t.key === undefined) armed.t.key = performance.now();
        },
        true,
      );
      const proto = w.WebSocket.prototype;
      const send = proto.send;
      proto.send = function (this: unknown, data: unknown): void {
        if (armed?.t.key !== undefined && armed.t.send === undefined && data instanceof Uint8Array && data[0] === input) armed.t.send = performance.now();
        if (trip !== null && trip.dryAt === null && data instanceof Uint8Array && data[0] === ack && sessionOf(data) === trip.session && w.__portholeTest.parsedBytes(trip.session) >= (received[trip.session] ?? 0)) trip.dryAt = performance.now();
        send.call(this, data);
      };
      const add = proto.addEventListener;
      proto.addEventListener = function (this: unknown, type: string, fn: (e: { data: unknown }) => void, options?: unknown): void {
        if (type !== 'message') return add.call(this, type, fn, options);
        add.call(
          this,
          type,
          (e: { data: unknown }) => {
            const frame = e.data instanceof ArrayBuffer ? new Uint8Array(e.data) : null;
            if (frame !== null && frame[0] === output) {
              const id = sessionOf(frame);
              received[id] = (received[id] ?? 0) + frame.byteLength - 2 - id.length;
              if (trip !== null && trip.session === id && trip.dryAt !== null) {
                trip.samples.push(performance.now() - trip.dryAt);
                trip.dryAt = null;
              }
            }
            const a = armed;
            const mine = a?.t.send !== undefined && a.t.written === undefined && frame !== null && frame[0] === output && sessionOf(frame) === w.__portholeTest.activeSessionId();
            const at = performance.now();
            fn(e);
            if (!mine || a === null) return;
            a.t.message = at;
            a.t.written = performance.now();
            awaitParse();
          },
          options,
        );
      };
      w.__benchKeys = {
        arm: (want) =>
          new Promise<KeyTimes>((resolve) => {
            armed = { want, t: {}, resolve };
          }),
      };
    },
    { output: WIRE_OUTPUT, input: WIRE_INPUT, ack: WIRE_ACK, pollMs: UI_KEYS.PARSE_POLL_MS },
  );
}

export interface KeyBreakdown {
  readonly total: Spread;
  /** p50 of each stage, ms. */
  readonly keyToSend: number;
  readonly sendToMessage: number;
  readonly messageToWrite: number;
  readonly writeToParsed: number;
  readonly parsedToPainted: number;
}

const p50 = (values: number[]): number => spread(values).p50Ms;

/** Ctrl-U, then polls (on a timer) until the cursor line is a bare prompt again, so the next probe cannot match stale text. */
async function clearLine(page: Page): Promise<void> {
  await page.keyboard.press('Control+U');
  await page.waitForFunction(
    () => {
      const last = (globalThis as unknown as ProbeWindow).__portholeTest.activeLastLine() ?? '';
      return /[$#]$/.test(last.trimEnd());
    },
    undefined,
    { timeout: UI_KEYS.KEY_TIMEOUT_MS, polling: UI_KEYS.PROMPT_POLL_MS },
  );
}

/** Letters typed at the prompt of the active (idle) tab, one at a time; the line is cleared with Ctrl-U every `lineLength`. */
export async function keystrokeLatency(page: Page, samples: number, lineLength: number): Promise<KeyBreakdown> {
  const all: KeyTimes[] = [];
  let line = '';
  for (let i = 0; i < samples; i++) {
    if (line.length >= lineLength) {
      await clearLine(page);
      line = '';
    }
    const ch = String.fromCharCode(97 + (i % 26));
    line += ch;
    // Armed from the page itself, so the promise lives there; the key is pressed once it is armed.
    await page.evaluate((want) => {
      const w = globalThis as unknown as ProbeWindow & { __benchKey?: Promise<KeyTimes> };
      if (!w.__benchKeys) throw new Error('the keystroke probe is not installed (installKeyProbe before page.goto)');
      w.__benchKey = w.__benchKeys.arm(want);
    }, line);
    await page.keyboard.press(ch);
    all.push(
      await page.evaluate(
        (timeout) =>
          Promise.race([
            (globalThis as unknown as { __benchKey: Promise<KeyTimes> }).__benchKey,
            new Promise<KeyTimes>((_, reject) => setTimeout(() => reject(new Error(`no echo on screen within ${timeout} ms`)), timeout)),
          ]),
        UI_KEYS.KEY_TIMEOUT_MS,
      ),
    );
  }
  await clearLine(page);
  return {
    total: spread(all.map((t) => t.painted - t.key)),
    keyToSend: p50(all.map((t) => t.send - t.key)),
    sendToMessage: p50(all.map((t) => t.message - t.send)),
    messageToWrite: p50(all.map((t) => t.written - t.message)),
    writeToParsed: p50(all.map((t) => t.parsed - t.written)),
    parsedToPainted: p50(all.map((t) => t.painted - t.parsed)),
  };
}
