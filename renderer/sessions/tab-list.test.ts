import { describe, expect, it } from 'vitest';
import { movedBy } from './tab-list.js';
import type { SessionsState, Tab } from './session-types.js';

const tab = (key: string): Tab => ({ key }) as Tab;
const state: SessionsState = { tabs: ['a', 'b', 'c'].map(tab), activeKey: 'b', pairKey: 'c', linkLost: null };
const order = (s: SessionsState) => s.tabs.map((t) => t.key).join('');

describe('movedBy', () => {
  it('moves a tab one place either way, keeping which tabs show', () => {
    expect(order(movedBy(state, 'b', -1))).toBe('bac');
    expect(order(movedBy(state, 'b', 1))).toBe('acb');
    expect(movedBy(state, 'b', 1)).toMatchObject({ activeKey: 'b', pairKey: 'c' });
  });

  it('stops at the ends, and leaves an unknown tab alone', () => {
    expect(movedBy(state, 'a', -1)).toBe(state);
    expect(movedBy(state, 'c', 1)).toBe(state);
    expect(movedBy(state, 'x', 1)).toBe(state);
  });
});
