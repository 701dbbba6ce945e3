// Decides whether a paste needs confirmation: many lines pasted into a remote shell run as many commands.

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
