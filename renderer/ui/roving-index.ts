// Where the arrow, Home and End keys move the keyboard in a row of tabs (one Tab stop, WAI-ARIA's
// roving tabindex): the arrows wrap at the ends, as in VS Code's panel and editor tabs.

/** The index `key` moves to from `at` among `count` items, or null for a key that moves nothing. */
export function rovingIndex(key: string, at: number, count: number): number | null {
  if (count <= 0 || at < 0 || at >= count) return null;
  switch (key) {
    case 'ArrowRight':
      return (at + 1) % count;
    case 'ArrowLeft':
      return (at - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
