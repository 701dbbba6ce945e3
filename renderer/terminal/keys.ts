// Keyboard shortcuts per platform. macOS uses ⌘; Linux and Windows use Ctrl+Shift so that plain
// Ctrl+letter keeps reaching the remote shell (Ctrl+C, Ctrl+W, Ctrl+F all mean something there).

export type ShortcutAction = 'newTab' | 'closeTab' | 'nextTab' | 'prevTab' | 'find' | 'copy' | 'paste';

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

interface Chord {
  readonly key: string;
  readonly primary: boolean;
  readonly shift: boolean;
}

/** Primary = ⌘ on macOS, Ctrl elsewhere. Keys compare case-insensitively (Shift changes e.key's case). */
const TABLE: Readonly<Record<ShortcutAction, readonly Chord[]>> = IS_MAC
  ? {
      newTab: [{ key: 't', primary: true, shift: false }],
      closeTab: [{ key: 'w', primary: true, shift: false }],
      nextTab: [{ key: ']', primary: true, shift: true }, { key: '}', primary: true, shift: true }],
      prevTab: [{ key: '[', primary: true, shift: true }, { key: '{', primary: true, shift: true }],
      find: [{ key: 'f', primary: true, shift: false }],
      copy: [{ key: 'c', primary: true, shift: false }],
      paste: [{ key: 'v', primary: true, shift: false }],
    }
  : {
      newTab: [{ key: 't', primary: true, shift: true }],
      closeTab: [{ key: 'w', primary: true, shift: true }],
      nextTab: [{ key: 'pagedown', primary: true, shift: false }, { key: 'tab', primary: true, shift: false }],
      prevTab: [{ key: 'pageup', primary: true, shift: false }, { key: 'tab', primary: true, shift: true }],
      find: [{ key: 'f', primary: true, shift: true }],
      copy: [{ key: 'c', primary: true, shift: true }],
      paste: [{ key: 'v', primary: true, shift: true }],
    };

export function shortcutOf(e: KeyboardEvent): ShortcutAction | null {
  const primary = IS_MAC ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!primary || e.altKey) return null;
  const key = e.key.toLowerCase();
  for (const [action, chords] of Object.entries(TABLE) as Array<[ShortcutAction, readonly Chord[]]>) {
    if (chords.some((c) => c.key === key && c.shift === e.shiftKey)) return action;
  }
  return null;
}

/** The label shown in menus and tooltips, e.g. "Ctrl+Shift+T" or "⌘T". */
export function shortcutLabel(action: ShortcutAction): string {
  const chord = TABLE[action][0];
  if (chord === undefined) return '';
  const key = chord.key.length === 1 ? chord.key.toUpperCase() : chord.key === 'pagedown' ? 'PgDn' : chord.key === 'pageup' ? 'PgUp' : chord.key;
  return IS_MAC ? `${chord.shift ? '⇧' : ''}⌘${key}` : `Ctrl+${chord.shift ? 'Shift+' : ''}${key}`;
}
