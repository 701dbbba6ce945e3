// How a tab title gives way when tabs are narrow: the target's name and the " (3)" that tells
// tabs on one target apart stay; what the title shares with other tabs goes first. "app · 1f0002"
// beside "app · 1f0001" keeps its differing end ("app · …02"); beside only tabs of its own task,
// the whole " · 1f0002" may go ("app (3)"). The full title is in the tab's tooltip.

export const TAB_TITLE = {
  /** Between a target's name and what qualifies it (a task's short id), as tree titles write it. */
  SEPARATOR: ' · ',
  /** The differing end of a qualifier keeps at least this many characters: "…02" reads, "…2" looks like a typo. */
  MIN_TAIL: 2,
} as const;

/**
 * A title in the parts that give way differently. Rendered in order: name, then `separator` and
 * `head` (shrinks first, to nothing), `tail` (never shrinks), `number` (never shrinks).
 */
export interface TabTitleParts {
  readonly name: string;
  /** Kept with the tail: " · " when the tail is shown, else empty (it is then part of the head). */
  readonly separator: string;
  /** What this tab's title shares with the other tabs': it may shrink away. */
  readonly head: string;
  /** The end of the qualifier that differs from the other tabs' on the same name. */
  readonly tail: string;
  /** " (3)", or empty. */
  readonly number: string;
}

interface Split {
  readonly name: string;
  readonly qualifier: string | null;
  readonly number: string;
}

function split(title: string): Split {
  const numbered = / \(\d+\)$/.exec(title);
  const number = numbered?.[0] ?? '';
  const rest = numbered === null ? title : title.slice(0, numbered.index);
  const at = rest.indexOf(TAB_TITLE.SEPARATOR);
  if (at <= 0) return { name: rest, qualifier: null, number };
  return { name: rest.slice(0, at), qualifier: rest.slice(at + TAB_TITLE.SEPARATOR.length), number };
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** `title` split for display among `titles` (every tab's, this one's included). */
export function tabTitleParts(title: string, titles: readonly string[]): TabTitleParts {
  const own = split(title);
  if (own.qualifier === null) return { name: own.name, separator: '', head: '', tail: '', number: own.number };
  const qualifier = own.qualifier;
  const others = new Set<string>();
  for (const t of titles) {
    const s = split(t);
    if (s.name === own.name && s.qualifier !== null && s.qualifier !== qualifier) others.add(s.qualifier);
  }
  // Nothing else on this name differs: the qualifier tells no tab apart, so all of it may go.
  if (others.size === 0) return { name: own.name, separator: '', head: `${TAB_TITLE.SEPARATOR}${qualifier}`, tail: '', number: own.number };
  let shared = 0;
  for (const q of others) shared = Math.max(shared, commonPrefixLength(qualifier, q));
  const cut = Math.max(0, Math.min(shared, qualifier.length - TAB_TITLE.MIN_TAIL));
  return { name: own.name, separator: TAB_TITLE.SEPARATOR, head: qualifier.slice(0, cut), tail: qualifier.slice(cut), number: own.number };
}
