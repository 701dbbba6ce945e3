// The Saved list under the forwards table: saved forwards that have no row in the table. A saved
// forward started (or stopped) in this session is its row, marked Saved with Forget there; listed
// below as well, the same forward showed twice, each with its own Start.
import type { ForwardInfo, SavedForward } from '../../shared/contract/index.js';

export function savedNotInTable(saved: readonly SavedForward[], forwards: readonly Pick<ForwardInfo, 'savedId'>[]): SavedForward[] {
  const inTable = new Set(forwards.flatMap((f) => (f.savedId === undefined ? [] : [f.savedId])));
  return saved.filter((sv) => !inTable.has(sv.savedId));
}
