// A copy of the last layout in the page's own storage, read synchronously at start so a window
// opens at the sizes the user left instead of jumping to them when settings arrive over the
// bridge. Settings (main's atomic writer) stay the source of truth: what they say wins as soon
// as they arrive, and the copy is rewritten from them. A copy that cannot be read or fails the
// contract's schema is ignored; storage that refuses (a private window, an opaque origin) only
// means the first frame uses the defaults, as before.
import { LayoutSchema, type Layout } from '../../shared/contract/index.js';

/** Versioned so a future layout shape never reads an old one as its own. */
export const LAYOUT_CACHE_KEY = 'porthole.layout.v1';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

/** The page's localStorage, or null where touching it throws. */
export function pageStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function readCachedLayout(storage: Storage | null): Layout | null {
  try {
    const raw = storage?.getItem(LAYOUT_CACHE_KEY);
    if (raw === null || raw === undefined) return null;
    const parsed = LayoutSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeCachedLayout(storage: Storage | null, layout: Layout): void {
  try {
    storage?.setItem(LAYOUT_CACHE_KEY, JSON.stringify(layout));
  } catch {
    // Full or refused: the next start uses the defaults for one frame.
  }
}
