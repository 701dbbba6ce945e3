// Window-level behaviour tied to the sessions: the document title names the active tab, and
// the page asks before it unloads while sessions are live (settings.confirmCloseLive) where the
// host leaves that to the page (the bridge knows which).
import { useEffect } from 'react';
import { useStore } from '../state/store.js';
import type { AppModel } from './app-model.js';

const APP_NAME = 'Porthole';

export function useWindowEffects(model: AppModel): void {
  const { tabs, activeKey } = useStore(model.sessions);
  const active = tabs.find((t) => t.key === activeKey);

  useEffect(() => {
    document.title = active ? `${active.title} — ${APP_NAME}` : APP_NAME;
  }, [active]);

  useEffect(
    () =>
      model.client.guardUnload(
        () => model.settings.current.confirmCloseLive && model.sessions.state.tabs.some((t) => t.status.state !== 'closed'),
      ),
    [model],
  );
}
