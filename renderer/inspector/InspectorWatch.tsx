// Which session the inspector watches, and the subscription to its frames while the panel shows.
// Kept out of InspectorPanel (whose code loads on first show, ui/lazy-part.tsx) so the subscription
// starts the moment the panel is opened, before anything typed after that click reaches main.
import { useEffect } from 'react';
import type { AppModel } from '../root/app-model.js';
import { useModel } from '../root/model-context.js';
import type { Tab } from '../sessions/session-store.js';
import { useStore } from '../state/store.js';

/** The tabs with a session, and the one watched: the picked one while it lives, else the active tab's. */
export function useInspected(model: AppModel): { live: Tab[]; chosen: string | null } {
  const { tabs, activeKey } = useStore(model.sessions);
  const ins = useStore(model.inspector);
  const live = tabs.filter((t) => t.sessionId !== null);
  const fallback = tabs.find((t) => t.key === activeKey)?.sessionId ?? live[0]?.sessionId ?? null;
  const chosen = ins.sessionId !== null && live.some((t) => t.sessionId === ins.sessionId) ? ins.sessionId : fallback;
  return { live, chosen };
}

/** Rendered while the inspector panel shows: subscribes to the chosen session, unsubscribes when hidden. */
export function InspectorWatch() {
  const model = useModel();
  const { chosen } = useInspected(model);
  useEffect(() => {
    void model.inspector.watch(chosen);
  }, [model, chosen]);
  useEffect(() => () => void model.inspector.watch(null), [model]);
  return null;
}
