// Which sessions the page was showing (the active tab and the one beside it), kept in the page's
// sessionStorage: it survives a reload of this browser tab (or Electron's View › Reload) but not a
// new tab or window, so a reload comes back on the tab the person was looking at, while a second
// window that takes the sessions starts on its first tab. Session ids are stable across adoption.
import type { SessionStore } from './session-store.js';

/** Versioned so a future shape never reads an old one as its own. */
export const SHOWN_SESSIONS_KEY = 'porthole.shown-sessions.v1';

export interface ShownSessions {
  readonly active: string | null;
  readonly pair: string | null;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

const NONE: ShownSessions = { active: null, pair: null };

/** The page's sessionStorage, or null where touching it throws (an opaque origin). */
export function tabStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

const idOrNull = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export function readShownSessions(storage: Storage | null): ShownSessions {
  try {
    const raw = storage?.getItem(SHOWN_SESSIONS_KEY);
    if (raw === null || raw === undefined) return NONE;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return NONE;
    const { active, pair } = parsed as Record<string, unknown>;
    return { active: idOrNull(active), pair: idOrNull(pair) };
  } catch {
    return NONE;
  }
}

/** Writes the shown sessions whenever they change; returns the unsubscribe. */
export function rememberShownSessions(sessions: SessionStore, storage: Storage | null): () => void {
  let last = '';
  return sessions.subscribe(() => {
    const idOf = (key: string | null): string | null => (key === null ? null : (sessions.byKey(key)?.sessionId ?? null));
    const { activeKey, pairKey } = sessions.state;
    const next = JSON.stringify({ active: idOf(activeKey), pair: idOf(pairKey) });
    if (next === last) return;
    last = next;
    try {
      storage?.setItem(SHOWN_SESSIONS_KEY, next);
    } catch {
      // Refused: a reload starts on the first tab, as before.
    }
  });
}
