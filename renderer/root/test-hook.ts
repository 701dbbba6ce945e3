// A read-only window hook for the e2e tests: the text xterm holds in its buffer (read from xterm
// itself, not from any copy), and which sessions the tabs show. It never writes anything.
import type { AppModel } from './app-model.js';

export interface PortholeTestHook {
  /** The active tab's terminal text, or null when no terminal is showing. */
  activeText(): string | null;
  /** The last line of activeText (what follows its last newline), read without the scrollback; null when no terminal is showing. */
  activeLastLine(): string | null;
  text(sessionId: string): string | null;
  activeSessionId(): string | null;
  /** The text selected in the active tab's terminal ('' for none), or null when no terminal is showing. */
  activeSelection(): string | null;
  sessionIds(): string[];
  /** Output bytes the session's xterm has parsed so far (grows while output arrives). */
  parsedBytes(sessionId: string): number;
  /** The active tab's terminal size in cells as xterm has it, or null when no terminal is showing. */
  activeSize(): { cols: number; rows: number } | null;
}

export const TEST_HOOK_GLOBAL = '__portholeTest';

export function installTestHook(model: AppModel): void {
  const hook: PortholeTestHook = {
    activeText: () => {
      const id = model.sessions.active?.sessionId;
      return id ? (model.registry.get(id)?.readText() ?? null) : null;
    },
    activeLastLine: () => {
      const id = model.sessions.active?.sessionId;
      return id ? (model.registry.get(id)?.readLastLine() ?? null) : null;
    },
    text: (id) => model.registry.get(id)?.readText() ?? null,
    activeSessionId: () => model.sessions.active?.sessionId ?? null,
    activeSelection: () => {
      const id = model.sessions.active?.sessionId;
      return id ? (model.registry.get(id)?.selectionText ?? null) : null;
    },
    sessionIds: () => model.sessions.state.tabs.flatMap((t) => (t.sessionId ? [t.sessionId] : [])),
    parsedBytes: (id) => model.registry.get(id)?.parsedBytes ?? 0,
    activeSize: () => {
      const id = model.sessions.active?.sessionId;
      const terminal = id ? model.registry.get(id) : undefined;
      return terminal === undefined ? null : { cols: terminal.cols, rows: terminal.rows };
    },
  };
  Object.defineProperty(window, TEST_HOOK_GLOBAL, { value: Object.freeze(hook), configurable: false });
}
