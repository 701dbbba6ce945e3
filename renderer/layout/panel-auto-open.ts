// The bottom panel starts collapsed when it has nothing to show: once settings and the forwards
// list are known, it opens only if there are forwards or transfers and the user had left it open.
// Afterwards a forward that appears (created here, in another window, or a saved one started)
// brings the forwards view forward.
import type { ForwardsState } from '../forwards/forward-store.js';
import type { PanelStore } from '../state/panel-store.js';
import type { SettingsView } from '../state/settings-model.js';
import type { TransfersState } from '../transfers/transfer-store.js';

/** What it reads of a store: its state and its changes. */
interface Watched<T> {
  readonly state: T;
  subscribe(listener: () => void): () => void;
}

export interface PanelAutoOpenDeps {
  readonly panel: PanelStore;
  readonly forwards: Watched<Pick<ForwardsState, 'forwards' | 'loaded'>>;
  readonly transfers: Watched<Pick<TransfersState, 'transfers'>>;
  readonly settings: Watched<SettingsView>;
}

export function startPanelAutoOpen(o: PanelAutoOpenDeps): () => void {
  let decided = false;
  let count = o.forwards.state.forwards.length;
  const check = (): void => {
    const now = o.forwards.state.forwards.length;
    if (!decided) {
      const settings = o.settings.state.settings;
      if (!o.forwards.state.loaded || (settings === null && o.settings.state.error === null)) return;
      decided = true;
      count = now;
      const somethingToShow = now > 0 || o.transfers.state.transfers.length > 0;
      if (somethingToShow && (settings?.layout.panelOpen ?? true)) o.panel.setOpen(true);
      return;
    }
    if (now > count && !(o.panel.state.open && o.panel.state.view === 'forwards')) o.panel.show('forwards');
    count = now;
  };
  const offs = [o.forwards.subscribe(check), o.settings.subscribe(check), o.transfers.subscribe(check)];
  check();
  return () => offs.forEach((off) => off());
}
