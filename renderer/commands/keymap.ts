// The one table of keyboard shortcuts, per platform and host. macOS uses ⌘; Linux and Windows use
// Ctrl+Shift so that plain Ctrl+letter keeps reaching the remote shell (Ctrl+C, Ctrl+W, Ctrl+F all
// mean something there). In a browser the browser keeps some keys for itself (Ctrl+T, Ctrl+W,
// Ctrl+Shift+T/W, Ctrl+Tab, Ctrl+PgUp/PgDn, ⌘1–9): the web host binds those actions to keys the
// browser leaves alone. The palette keys are VS Code's: Ctrl+Shift+P (and F1) for every command,
// Ctrl+P for quick open. Chromium lets a page take Ctrl+P and Ctrl+Shift+P from print and its own
// use when it calls preventDefault at keydown, so the web host binds them too; Ctrl+P is then no
// longer the shell's previous-history key (↑ is), as in VS Code's terminal.

/** The palette's commands on the tree's selected node (tree/node-action-defs.ts says what each does). */
export type NodeCommandId = 'nodeOpenShell' | 'nodeForward' | 'nodeSignIn' | 'nodeAddRegion' | 'nodeRemoveRegion' | 'nodeCopyId' | 'nodeRefresh';

export type TabNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
export type CommandId =
  | 'newTab'
  | 'closeTab'
  | 'nextTab'
  | 'prevTab'
  | 'find'
  | 'copy'
  | 'paste'
  | 'focusTree'
  | 'focusPanel'
  | 'focusTerminal'
  | 'showShortcuts'
  | 'toggleTree'
  | 'togglePanel'
  | 'commandPalette'
  | 'quickOpen'
  | 'newForward'
  | 'renameTab'
  | 'splitTabs'
  | 'unsplitTabs'
  | 'restartSession'
  | 'startRecording'
  | 'stopRecording'
  | 'upload'
  | 'download'
  | 'diagnose'
  | 'refreshTree'
  | 'openSettings'
  | 'selectAll'
  | 'clearTerminal'
  | 'showForwards'
  | 'showTransfers'
  | 'showDiagnostics'
  | 'showInspector'
  | 'themeSystem'
  | 'themeDark'
  | 'themeLight'
  | NodeCommandId
  | `tab${TabNumber}`;

export type KeymapHost = 'web' | 'desktop';

export interface Chord {
  /** Compared with KeyboardEvent.key, lowercased. */
  readonly key?: string;
  /** Compared with KeyboardEvent.code: digits and punctuation, whose key changes with Shift and layout. */
  readonly code?: string;
  /** ⌘ on macOS, Ctrl elsewhere. */
  readonly primary?: boolean;
  readonly shift?: boolean;
  readonly alt?: boolean;
}

export const TAB_NUMBERS: readonly TabNumber[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

type Table = Readonly<Record<CommandId, readonly Chord[]>>;

const P = { primary: true } as const;
const PS = { primary: true, shift: true } as const;
const AS = { alt: true, shift: true } as const;

function tabChords(mod: Chord): Record<`tab${TabNumber}`, readonly Chord[]> {
  const out: Partial<Record<`tab${TabNumber}`, readonly Chord[]>> = {};
  for (const n of TAB_NUMBERS) out[`tab${n}`] = [{ ...mod, code: `Digit${n}` }];
  return out as Record<`tab${TabNumber}`, readonly Chord[]>;
}

/** Focus and help keys are the same everywhere: no browser or desktop shell takes them. */
const FOCUS = {
  focusTree: [{ ...PS, key: 'e' }],
  focusPanel: [{ ...PS, code: 'Backquote' }],
  focusTerminal: [{ primary: true, code: 'Backquote' }],
  showShortcuts: [{ ...PS, code: 'Slash' }],
  // F1 as well: a key no browser or desktop keeps, for a browser that holds on to Ctrl+Shift+P.
  commandPalette: [{ ...PS, key: 'p' }, { key: 'f1' }],
  quickOpen: [{ ...P, key: 'p' }],
} as const;

/** Commands run from menus, buttons and the palette that have no key of their own. */
const NO_KEYS = {
  newForward: [],
  renameTab: [],
  splitTabs: [],
  unsplitTabs: [],
  restartSession: [],
  startRecording: [],
  stopRecording: [],
  upload: [],
  download: [],
  diagnose: [],
  refreshTree: [],
  openSettings: [],
  selectAll: [],
  clearTerminal: [],
  showForwards: [],
  showTransfers: [],
  showDiagnostics: [],
  showInspector: [],
  themeSystem: [],
  themeDark: [],
  themeLight: [],
  nodeOpenShell: [],
  nodeForward: [],
  nodeSignIn: [],
  nodeAddRegion: [],
  nodeRemoveRegion: [],
  nodeCopyId: [],
  nodeRefresh: [],
} as const;

const OTHER_DESKTOP: Table = {
  newTab: [{ ...PS, key: 't' }],
  closeTab: [{ ...PS, key: 'w' }],
  nextTab: [{ ...P, key: 'pagedown' }, { ...P, key: 'tab' }],
  prevTab: [{ ...P, key: 'pageup' }, { ...PS, key: 'tab' }],
  find: [{ ...PS, key: 'f' }],
  copy: [{ ...PS, key: 'c' }],
  paste: [{ ...PS, key: 'v' }],
  toggleTree: [{ ...PS, key: 'b' }],
  togglePanel: [{ ...PS, key: 'j' }],
  ...FOCUS,
  ...NO_KEYS,
  ...tabChords(PS),
};

const OTHER_WEB: Table = {
  ...OTHER_DESKTOP,
  newTab: [{ ...AS, key: 't' }],
  closeTab: [{ ...AS, key: 'w' }],
  nextTab: [{ alt: true, key: 'pagedown' }],
  prevTab: [{ alt: true, key: 'pageup' }],
  // The browser keeps Ctrl+Shift+B (bookmarks bar) and Ctrl+Shift+J (its console).
  toggleTree: [{ ...AS, key: 'b' }],
  togglePanel: [{ ...AS, key: 'j' }],
};

const MAC_DESKTOP: Table = {
  newTab: [{ ...P, key: 't' }],
  closeTab: [{ ...P, key: 'w' }],
  nextTab: [{ ...PS, code: 'BracketRight' }],
  prevTab: [{ ...PS, code: 'BracketLeft' }],
  find: [{ ...P, key: 'f' }],
  copy: [{ ...P, key: 'c' }],
  paste: [{ ...P, key: 'v' }],
  toggleTree: [{ ...P, key: 'b' }],
  togglePanel: [{ ...P, key: 'j' }],
  ...FOCUS,
  ...NO_KEYS,
  ...tabChords(P),
};

const MAC_WEB: Table = {
  ...MAC_DESKTOP,
  newTab: [{ ...AS, code: 'KeyT' }],
  closeTab: [{ ...AS, code: 'KeyW' }],
  nextTab: [{ ...AS, code: 'BracketRight' }],
  prevTab: [{ ...AS, code: 'BracketLeft' }],
  toggleTree: [{ ...AS, code: 'KeyB' }],
  togglePanel: [{ ...AS, code: 'KeyJ' }],
  ...tabChords(AS),
};

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

const KEY_WORDS: Readonly<Record<string, string>> = { f1: 'F1', pagedown: 'PgDn', pageup: 'PgUp', tab: 'Tab', Backquote: '`', Slash: '/', BracketRight: ']', BracketLeft: '[' };

export class Keymap {
  readonly #table: Table;

  constructor(
    readonly host: KeymapHost,
    readonly mac: boolean = IS_MAC,
  ) {
    this.#table = mac ? (host === 'web' ? MAC_WEB : MAC_DESKTOP) : host === 'web' ? OTHER_WEB : OTHER_DESKTOP;
  }

  /** The command a key event stands for, or null. Modifiers must match exactly. */
  match(e: KeyboardEvent): CommandId | null {
    const primary = this.mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
    const otherCtrl = this.mac ? e.ctrlKey : e.metaKey;
    if (otherCtrl) return null;
    const key = e.key.toLowerCase();
    for (const [id, chords] of Object.entries(this.#table) as Array<[CommandId, readonly Chord[]]>) {
      for (const c of chords) {
        if ((c.primary ?? false) !== primary || (c.shift ?? false) !== e.shiftKey || (c.alt ?? false) !== e.altKey) continue;
        if (c.code !== undefined ? c.code === e.code : c.key === key) return id;
      }
    }
    return null;
  }

  /** The label shown in menus, tooltips and the shortcuts help, e.g. "Ctrl+Shift+T" or "⇧⌘T". */
  label(id: CommandId): string {
    const c = this.#table[id][0];
    return c === undefined ? '' : this.#chordLabel(c);
  }

  /** Every key bound to a command (the palette shows them all: "Ctrl+Shift+P" and "F1"). */
  labels(id: CommandId): string[] {
    return this.#table[id].map((c) => this.#chordLabel(c));
  }

  #chordLabel(c: Chord): string {
    const raw = c.code !== undefined ? c.code.replace(/^Digit|^Key/, '') : (c.key ?? '');
    const key = KEY_WORDS[raw] ?? (raw.length === 1 ? raw.toUpperCase() : raw);
    if (this.mac) return `${c.alt ? '⌥' : ''}${c.shift ? '⇧' : ''}${c.primary ? '⌘' : ''}${key}`;
    return [c.primary ? 'Ctrl' : null, c.alt ? 'Alt' : null, c.shift ? 'Shift' : null, key].filter((p) => p !== null).join('+');
  }
}
