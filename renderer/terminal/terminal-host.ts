// What a terminal controller is given by the app: the host it sends through and asks (data plane,
// paste confirmation, links, background pacing, shortcuts), and the look settings it renders with.
import type { BackgroundWriter } from './background-writer.js';
import type { InputKind, RefusedInputNotice } from './input-ledger.js';
import type { Keymap } from '../commands/keymap.js';
import type { ResolvedTheme } from './xterm-theme.js';

/** What a controller needs from the app: the data plane and two questions only the UI can answer. */
export interface TerminalHost {
  /** Throws when the message cannot be sent (the link is gone, the contract refuses it). */
  sendInput(sessionId: string, bytes: Uint8Array, kind: InputKind): void;
  /** Input for the session did not reach it (refused by main or never sent): the tab says so. */
  inputRefused(sessionId: string, notice: RefusedInputNotice): void;
  sendAck(sessionId: string, bytes: number): void;
  sendResize(sessionId: string, cols: number, rows: number): void;
  /** Asks the person whether to paste this many lines; resolves true to paste. */
  confirmPaste(lines: number): Promise<boolean>;
  openLink(url: string): void;
  /** Paces output for hidden terminals. */
  readonly background: BackgroundWriter;
  /** App shortcuts: xterm leaves these keys alone so they reach the app. */
  readonly keymap: Keymap;
}

export interface TerminalLook {
  readonly fontFamily: string;
  readonly fontSize: number;
  readonly scrollback: number;
  readonly pasteGuardLines: number;
  /** Selecting text copies it to the clipboard (settings.copyOnSelect). */
  readonly copyOnSelect: boolean;
  readonly theme: ResolvedTheme;
}
