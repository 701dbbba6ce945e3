// The tree's saved view when main could not keep a save: the change goes again a few seconds later
// by itself, not only when the user next opens a branch or moves the selection.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TreeView, TreeViewChange } from '../../shared/contract/index.js';
import { TREE_MEMORY, type TreeMemoryStore } from './tree-memory.js';
import { TreeViewSaver, type TreeViewSource } from './tree-view-saver.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function memory(answers: boolean[]): TreeMemoryStore & { readonly sent: TreeViewChange[] } {
  const sent: TreeViewChange[] = [];
  return {
    sent,
    saved: (): Promise<TreeView | null> => Promise.resolve(null),
    save: (change) => {
      sent.push(change);
      return Promise.resolve(answers.shift() ?? true);
    },
  };
}

describe('TreeViewSaver: a save main could not keep', () => {
  it('is sent again after RESEND_DELAY_MS with no further change, and only once it is kept', async () => {
    const store = memory([false, true]);
    const source: TreeViewSource = { branches: new Map([['root', { children: [{ id: 'a' }] }]]), expanded: new Set(['a']), selected: 'a' };
    const saver = new TreeViewSaver(store, () => source, () => null);
    saver.changed();
    await vi.advanceTimersByTimeAsync(TREE_MEMORY.SAVE_DELAY_MS);
    expect(store.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(TREE_MEMORY.RESEND_DELAY_MS - 1);
    expect(store.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.sent).toHaveLength(2);
    expect(store.sent[1]).toEqual(store.sent[0]);
    // Kept: nothing more goes, however long it waits.
    await vi.advanceTimersByTimeAsync(TREE_MEMORY.RESEND_DELAY_MS * 3);
    expect(store.sent).toHaveLength(2);
  });
});
