// Start-up of the saved forwards: an unreadable store is set aside (so the next save cannot
// overwrite what the person had), the old saved-forwards.json is moved in, then the manager loads
// every saved forward, stopped (a saved forward starts when the person asks, never by itself at
// launch: it may need MFA, or reach production); each comes back with its contract spec.
import { rename } from 'node:fs/promises';
import type { ForwardSpec } from '../../../shared/contract/index.js';
import type { ForwardManager, ForwardStatus } from '../../sessions/forwards/index.js';
import { ForwardStore } from '../../sessions/forwards/store.js';
import { migrateLegacySaved } from './legacy-saved.js';
import { contractSpec } from './mapping.js';
import type { SavedDetails } from './saved-details.js';

/** An unreadable forwards.json is renamed with this suffix and a time stamp. */
export const UNREADABLE_SUFFIX = '.unreadable';

export interface RestoredForward {
  readonly status: ForwardStatus;
  readonly spec: ForwardSpec;
}

async function setAsideUnreadable(store: ForwardStore, warn: (line: string) => void): Promise<void> {
  try {
    await store.load();
  } catch (err) {
    const aside = `${store.file}${UNREADABLE_SUFFIX}-${Date.now()}`;
    await rename(store.file, aside);
    warn(`porthole: ${store.file} could not be read (${err instanceof Error ? err.message : String(err)}); kept as ${aside}, starting with no saved forwards.`);
  }
}

export async function restoreSavedForwards(dataDir: string, manager: ForwardManager, details: SavedDetails, warn: (line: string) => void): Promise<RestoredForward[]> {
  const store = new ForwardStore(dataDir);
  await setAsideUnreadable(store, warn);
  await migrateLegacySaved(dataDir, store, details);
  const out: RestoredForward[] = [];
  for (const status of await manager.restoreSaved({ start: false })) {
    const spec = contractSpec(status.spec, (await details.get(status.id))?.target);
    if (spec === null) {
      warn(`porthole: saved forward ${status.id} names no profile and region; it is not shown.`);
      continue;
    }
    out.push({ status, spec });
  }
  await details.prune(new Set(manager.list().filter((s) => s.saved).map((s) => s.id)));
  return out;
}
