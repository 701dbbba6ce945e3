// Decides whether a paste needs confirmation: many lines pasted into a remote shell run as many
// commands; and takes out of a paste the control characters it must never carry.

/**
 * What a paste may not send to the remote: ESC (with `ESC [201~` a clipboard a web page filled
 * ends the shell's bracketed paste early and the rest runs as typed, and any ESC sequence can act
 * as keys), the other C0 controls but tab and line breaks (Ctrl-C, Ctrl-U… act in raw programs),
 * DEL and the C1 controls (0x9B is CSI to some programs).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const UNSAFE_PASTE_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** The text of a paste with the control characters above removed (printable text is never changed). */
export function sanitizePaste(text: string): string {
  return text.replace(UNSAFE_PASTE_CHARS, '');
}

export interface PasteCheck {
  readonly lines: number;
  readonly needsConfirmation: boolean;
}

/** Counts lines the way a shell sees them: every newline submits one. A trailing newline counts. */
export function countPasteLines(text: string): number {
  if (text.length === 0) return 0;
  const newlines = text.match(/\r\n|\r|\n/g)?.length ?? 0;
  const endsWithNewline = /[\r\n]$/.test(text);
  return endsWithNewline ? newlines : newlines + 1;
}

/** guardLines 0 turns the guard off (settings.pasteGuardLines). */
export function checkPaste(text: string, guardLines: number): PasteCheck {
  const lines = countPasteLines(text);
  return { lines, needsConfirmation: guardLines > 0 && lines > guardLines };
}
