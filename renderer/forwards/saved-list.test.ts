import { describe, expect, it } from 'vitest';
import type { SavedForward } from '../../shared/contract/index.js';
import { savedNotInTable } from './saved-list.js';

const saved = (savedId: string): SavedForward => ({ savedId, savedAt: 1, spec: {} as SavedForward['spec'] });

describe('saved list', () => {
  it('leaves out a saved forward that has a row in the table, running or stopped', () => {
    const list = savedNotInTable([saved('a'), saved('b'), saved('c')], [{ savedId: 'b' }, {}]);
    expect(list.map((s) => s.savedId)).toEqual(['a', 'c']);
  });
});
