import { describe, expect, it } from 'vitest';
import { SETTINGS_BOUNDS, SettingsPatchSchema, TreeViewChangeSchema, type TreeView } from './contract/settings.js';
import { treeViewChange, withTreeViewChange } from './tree-view.js';

const at = (id: string, parent = 'root'): { id: string; parent: string } => ({ id, parent });

describe('treeViewChange', () => {
  it('names what opened, what closed and a new selection; null when nothing changed', () => {
    const before: TreeView = { open: [at('a'), at('b')], selected: at('a') };
    expect(treeViewChange(before, { open: [at('b'), at('c')], selected: at('a') })).toEqual({ opened: [at('c')], closed: ['a'] });
    expect(treeViewChange(before, { ...before, selected: null })).toEqual({ opened: [], closed: [], selected: null });
    expect(treeViewChange(before, { open: [at('b'), at('a')], selected: { ...at('a') } })).toBeNull();
    // The same id under another parent is opened again there.
    expect(treeViewChange(before, { open: [at('a', 'elsewhere'), at('b')], selected: at('a') })).toEqual({ opened: [at('a', 'elsewhere')], closed: [] });
  });
});

describe('withTreeViewChange', () => {
  it('keeps what other windows opened, removes what this one closed, and keeps the selection unless it changed', () => {
    const saved: TreeView = { open: [at('theirs'), at('mine')], selected: at('theirs') };
    expect(withTreeViewChange(saved, { opened: [at('new')], closed: ['mine'] })).toEqual({ open: [at('theirs'), at('new')], selected: at('theirs') });
    expect(withTreeViewChange(saved, { opened: [], closed: [], selected: null }).selected).toBeNull();
    expect(withTreeViewChange(null, { opened: [at('x')], closed: ['never-open'] })).toEqual({ open: [at('x')], selected: null });
  });

  it('holds each id once (the newest place) and at most the bound, dropping the oldest', () => {
    const many = Array.from({ length: SETTINGS_BOUNDS.TREE_OPEN_MAX }, (_, i) => at(`n${i}`));
    const merged = withTreeViewChange({ open: many, selected: null }, { opened: [at('n5', 'moved'), at('late'), at('late', 'again')], closed: [] });
    expect(merged.open).toHaveLength(SETTINGS_BOUNDS.TREE_OPEN_MAX);
    expect(merged.open.filter((p) => p.id === 'n5')).toEqual([at('n5', 'moved')]);
    expect(merged.open.at(-1)).toEqual(at('late', 'again'));
    expect(merged.open.some((p) => p.id === 'n0')).toBe(false);
  });
});

describe('the contract', () => {
  it('takes the tree only as a change: a whole view in settings.update is refused, a bad change says why', () => {
    expect(SettingsPatchSchema.safeParse({ tree: { open: [], selected: null } }).success).toBe(false);
    const bad = TreeViewChangeSchema.safeParse({ opened: [{ id: '' , parent: 'root' }], closed: [] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['opened', 0, 'id']);
  });
});
