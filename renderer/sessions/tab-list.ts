// Pure changes to the tab strip's state: which tab is active and which shows beside it as tabs
// close, move, go or come back, and titles that keep tabs tellable apart.
import type { ShownSessions } from './shown-sessions.js';
import type { SessionsState, Tab } from './session-types.js';

/** Makes a tab the active one; in split view, activating the other visible tab keeps both showing. */
export function activated(s: SessionsState, key: string): SessionsState {
  return s.pairKey === key ? { ...s, activeKey: key, pairKey: s.activeKey } : { ...s, activeKey: key };
}

/** The tab `step` places from the active one, wrapping around; undefined without tabs. */
export function cycled(tabs: readonly Tab[], activeKey: string | null, step: 1 | -1): Tab | undefined {
  if (tabs.length === 0) return undefined;
  const i = tabs.findIndex((t) => t.key === activeKey);
  return tabs[(i + step + tabs.length) % tabs.length];
}

/** Without the tab: its neighbour (or the split partner) becomes active when it was. */
export function closed(s: SessionsState, key: string): SessionsState {
  const i = s.tabs.findIndex((t) => t.key === key);
  const tabs = s.tabs.filter((t) => t.key !== key);
  if (s.pairKey === key) return { ...s, tabs, pairKey: null };
  if (s.activeKey === key && s.pairKey !== null) return { ...s, tabs, activeKey: s.pairKey, pairKey: null };
  const activeKey = s.activeKey === key ? (tabs[Math.min(i, tabs.length - 1)]?.key ?? null) : s.activeKey;
  return { ...s, tabs, activeKey };
}

/** The tab moved to where another one is: after it when moving right, before it when moving left (null: to the end). */
export function moved(s: SessionsState, key: string, targetKey: string | null): SessionsState {
  const from = s.tabs.findIndex((t) => t.key === key);
  const to = targetKey === null ? s.tabs.length - 1 : s.tabs.findIndex((t) => t.key === targetKey);
  const tab = s.tabs[from];
  if (tab === undefined || to < 0 || from === to) return s;
  const tabs = s.tabs.filter((t) => t.key !== key);
  tabs.splice(to, 0, tab);
  return { ...s, tabs };
}

/** With the tab `key` moved `step` places along the strip (−1 left, +1 right), stopping at the ends. */
export function movedBy(s: SessionsState, key: string, step: number): SessionsState {
  const from = s.tabs.findIndex((t) => t.key === key);
  const to = Math.min(Math.max(from + step, 0), s.tabs.length - 1);
  const over = s.tabs[to];
  return from < 0 || over === undefined ? s : moved(s, key, over.key);
}

/** With tabs for adopted sessions; with nothing showing yet, shows the ones `shown` names. */
export function withAdopted(s: SessionsState, tabs: readonly Tab[], shown: ShownSessions): SessionsState {
  const keyOf = (id: string | null): string | null => tabs.find((t) => id !== null && t.sessionId === id)?.key ?? null;
  if (s.activeKey !== null) return { ...s, tabs: [...s.tabs, ...tabs] };
  const activeKey = keyOf(shown.active) ?? tabs[0]?.key ?? null;
  const pair = keyOf(shown.pair);
  return { ...s, tabs: [...s.tabs, ...tabs], activeKey, pairKey: pair !== activeKey ? pair : null };
}

/** Without the tabs of these sessions; the active and paired keys only while their tabs remain. */
export function withoutSessions(s: SessionsState, ids: ReadonlySet<string>): SessionsState {
  const tabs = s.tabs.filter((t) => t.sessionId === null || !ids.has(t.sessionId));
  const keep = (k: string | null): string | null => (k !== null && tabs.some((t) => t.key === k) ? k : null);
  return { ...s, tabs, activeKey: keep(s.activeKey) ?? tabs[0]?.key ?? null, pairKey: keep(s.pairKey) };
}

/**
 * A second shell on the same target gets " (2)", so tabs stay tellable apart. A new tab made from
 * "app (2)" is "app (3)", not "app (2) (2)": the number is the title's, not added to it.
 */
export function uniqueTitle(tabs: readonly Tab[], title: string): string {
  const taken = new Set(tabs.map((t) => t.title));
  if (!taken.has(title)) return title;
  const base = title.replace(/ \(\d+\)$/, '');
  let n = 2;
  while (taken.has(`${base} (${n})`)) n++;
  return `${base} (${n})`;
}
