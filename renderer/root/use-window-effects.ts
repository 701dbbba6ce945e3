// Window-level behaviour tied to the sessions: the document title names the active tab, and
// the web host asks before the page unloads while sessions are live (settings.confirmCloseLive).
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

  useEffect(() => {
    // Electron decides about closing in main (a prevented unload there would silently keep the window open).
    if (model.client.host !== 'web') return;
    const onBeforeUnload = (e: BeforeUnloadEvent): void => {
      const live = model.sessions.state.tabs.some((t) => t.status.state !== 'closed');
      if (live && model.settings.current.confirmCloseLive) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [model]);
}
