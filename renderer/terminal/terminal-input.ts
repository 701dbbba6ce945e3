// What the person types in a terminal goes to its session. xterm's text and binary input is
// encoded and sent only while the session is live (each send also tells the background writer,
// so hidden terminals' parsing waits for the echo). A terminal that takes no more input leaves
// Tab to the page. A key held when the keyboard left is forgotten when it comes back (held-keys.ts).
// Input that cannot be sent (a paste or keys typed into a session that is over or that another
// window took, a message the
// contract refuses) or that main refuses is told in the tab (input-ledger.ts), never dropped
// without a word; a paste bigger than one message allows goes in several, in order.
import type { IDisposable, Terminal } from '@xterm/xterm';
import { DATA_LIMITS, type InputKind, type InputRefusal } from '../../shared/contract/index.js';
import { forgetHeldKeysOnFocus } from './held-keys.js';
import { inputMessages, InputLedger, type RefusedInputNotice } from './input-ledger.js';
import type { TerminalHost } from './terminal-host.js';

const encoder = new TextEncoder();

/** Where one terminal's input goes. */
export interface InputTarget {
  readonly sessionId: string;
  readonly host: Pick<TerminalHost, 'sendInput' | 'background' | 'inputRefused'>;
  /** Whether the session takes input now. */
  live(): boolean;
  /** Whether another window took the session (then it is not closed, but open there). */
  elsewhere(): boolean;
  /** Every other key (app shortcuts, copy and paste): true to leave it to xterm (terminal-clipboard.ts). */
  key(e: KeyboardEvent): boolean;
  /** Called before input goes: the terminal's size still waiting to go is sent first (remote-size.ts). */
  beforeInput(): void;
}

/** One terminal's way to its session: xterm's listeners, pastes, and what main refused. */
export interface TerminalInput {
  readonly disposables: IDisposable[];
  /** Pastes `text` (already through the paste guard) via xterm, or tells the tab it was not sent. */
  paste(text: string): void;
  /** Main refused a message of `bytes` for this session, sent as `kind`. */
  refused(bytes: number, why: InputRefusal, kind: InputKind, detail: string): void;
}

/**
 * The bytes a key press would type (a character, Enter), 0 for anything else: a shortcut (Ctrl, Alt,
 * Meta), a key that types nothing (Shift, arrows), a key up, a key in an input method's composition.
 */
function typedBytes(e: KeyboardEvent): number {
  if (e.type !== 'keydown' || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return 0;
  if (e.key === 'Enter') return 1;
  return [...e.key].length === 1 ? encoder.encode(e.key).byteLength : 0;
}

/** Sends `term`'s input to `target`'s session and routes its keys. */
export function connectInput(term: Terminal, target: InputTarget): TerminalInput {
  const ledger = new InputLedger();
  /** Set while xterm turns a paste into input (term.paste fires onData before it returns). */
  let pasting: ((bytes: number) => void) | null = null;
  const tell = (notice: RefusedInputNotice | null): void => {
    if (notice !== null) target.host.inputRefused(target.sessionId, notice);
  };
  /** Why input is not taken now: a session another window took runs on there, it is not closed. */
  const notTaken = (): RefusedInputNotice['why'] => (target.elsewhere() ? 'elsewhere' : 'closed');
  const send = (bytes: Uint8Array): void => {
    if (!target.live() || bytes.byteLength === 0) return;
    target.host.background.input(); // hidden terminals' parsing waits for the echo
    const record = pasting ?? ((n: number) => ledger.keys(n));
    // Known here, where the input starts, and sent with it: main's refusal says it back.
    const kind: InputKind = pasting === null ? 'keys' : 'paste';
    target.beforeInput(); // what is typed runs at the size it was typed at
    for (const message of inputMessages(bytes, DATA_LIMITS.MAX_CHUNK_BYTES)) {
      try {
        target.host.sendInput(target.sessionId, message, kind);
      } catch (err) {
        // Refused before it left (the link is gone, the contract refused it): the rest of it too.
        tell({ kind, bytes: bytes.byteLength, why: 'other', detail: err instanceof Error ? err.message : String(err) });
        return;
      }
      record(message.byteLength);
    }
  };
  // Keys typed since the session stopped taking input: xterm drops them without a word.
  let dropped = 0;
  // A live shell takes Tab (completion); a terminal that takes no more input leaves Tab and
  // Shift+Tab to the page, so the keyboard reaches the ended session's banner below it.
  term.attachCustomKeyEventHandler((e) => {
    if (target.live()) dropped = 0;
    else if (typedBytes(e) > 0) {
      dropped += typedBytes(e);
      tell({ kind: 'keys', bytes: dropped, why: notTaken() });
    }
    return !target.live() && e.key === 'Tab' ? false : target.key(e);
  });
  return {
    disposables: [term.onData((data) => send(encoder.encode(data))), term.onBinary((data) => send(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff)))],
    paste: (text) => {
      const bytes = encoder.encode(text).byteLength;
      // xterm ignores a paste into a terminal that takes no input: say so instead.
      if (!target.live()) return tell({ kind: 'paste', bytes, why: notTaken() });
      pasting = ledger.paste(bytes);
      try {
        term.paste(text);
      } finally {
        pasting = null;
      }
    },
    refused: (bytes, why, kind, detail) => tell(ledger.refused(bytes, why, kind, detail)),
  };
}

/** Once xterm has opened (its textarea exists): forgets a held key each time the terminal gets the keyboard; null before. */
export function forgetHeldKeys(term: Terminal): IDisposable | null {
  const textarea = term.textarea;
  return textarea === undefined ? null : { dispose: forgetHeldKeysOnFocus(term, textarea) };
}
