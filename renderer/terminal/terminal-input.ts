// What the person types in a terminal goes to its session. xterm's text and binary input is
// encoded and sent only while the session is live (each send also tells the background writer,
// so hidden terminals' parsing waits for the echo). A terminal that takes no more input leaves
// Tab to the page. A key held when the keyboard left is forgotten when it comes back (held-keys.ts).
import type { IDisposable, Terminal } from '@xterm/xterm';
import { forgetHeldKeysOnFocus } from './held-keys.js';
import type { TerminalHost } from './terminal-host.js';

const encoder = new TextEncoder();

/** Where one terminal's input goes. */
export interface InputTarget {
  readonly sessionId: string;
  readonly host: Pick<TerminalHost, 'sendInput' | 'background'>;
  /** Whether the session takes input now. */
  live(): boolean;
  /** Every other key (app shortcuts, copy and paste): true to leave it to xterm (terminal-clipboard.ts). */
  key(e: KeyboardEvent): boolean;
}

/** Sends `term`'s input to `target`'s session and routes its keys; returns the listeners to dispose. */
export function connectInput(term: Terminal, target: InputTarget): IDisposable[] {
  const send = (bytes: Uint8Array): void => {
    if (!target.live() || bytes.byteLength === 0) return;
    target.host.background.input(); // hidden terminals' parsing waits for the echo
    target.host.sendInput(target.sessionId, bytes);
  };
  // A live shell takes Tab (completion); a terminal that takes no more input leaves Tab and
  // Shift+Tab to the page, so the keyboard reaches the ended session's banner below it.
  term.attachCustomKeyEventHandler((e) => (!target.live() && e.key === 'Tab' ? false : target.key(e)));
  return [term.onData((data) => send(encoder.encode(data))), term.onBinary((data) => send(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff)))];
}

/** Once xterm has opened (its textarea exists): forgets a held key each time the terminal gets the keyboard; null before. */
export function forgetHeldKeys(term: Terminal): IDisposable | null {
  const textarea = term.textarea;
  return textarea === undefined ? null : { dispose: forgetHeldKeysOnFocus(term, textarea) };
}
