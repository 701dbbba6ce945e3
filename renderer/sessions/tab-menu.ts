// A tab's right-click (and Shift+F10) menu: show it beside the active one or end the split,
// rename, reopen or restart, record, upload and download, a new tab to its target, close. Each
// item that has a key says it, as the terminal's menu does: F2 renames the focused tab; the keys of
// New tab and Close act on the active tab, so they are shown on the active tab's menu only (on
// another tab's the item acts on that tab, and the key would not).
import type { AppModel } from '../root/app-model.js';
import type { MenuItem } from '../tree/node-actions.js';
import { endOffer } from './end-offer.js';
import type { Tab } from './session-types.js';

/** The tab strip's own key for renaming the focused tab (TabStrip's tablist keys). */
export const RENAME_KEY = 'F2';

/** What the menu needs of the app: the tabs, the keys and the actions it runs. */
export type TabMenuModel = Pick<AppModel, 'sessions' | 'keymap' | 'transfers'>;

export function tabMenu(model: TabMenuModel, tab: Tab, rename: () => void): MenuItem[] {
  const s = model.sessions;
  const { activeKey, pairKey } = s.state;
  // Without the host link what needs it would fail at once with the same reason: offered off, with that reason.
  const lost = s.state.linkLost;
  const needsHost = lost === null ? {} : { disabled: true, hint: lost };
  const restart = endOffer(tab).restart;
  const keysOf = (id: 'newTab' | 'closeTab'): { keys?: string } => (tab.key === activeKey ? { keys: model.keymap.label(id) } : {});
  return [
    ...(tab.key !== activeKey && tab.key !== pairKey ? [{ label: 'Show beside the active tab', run: () => s.showBeside(tab.key) }] : []),
    ...(pairKey !== null && (tab.key === activeKey || tab.key === pairKey) ? [{ label: 'Show one terminal', run: () => s.unsplit() }] : []),
    { label: 'Rename…', keys: RENAME_KEY, run: rename },
    // The banner's word for it (end-offer.ts): a session that ended normally is reopened, one that failed is restarted, none when its task stopped.
    ...(tab.status.state === 'closed' && restart !== null ? [{ label: restart, run: () => void s.restart(tab.key), ...needsHost }] : []),
    ...(tab.recording !== null
      ? [{ label: 'Stop recording', run: () => void s.setRecording(tab.key, false) }]
      : tab.sessionId !== null && tab.status.state !== 'closed'
        ? [{ label: 'Record to a .cast file', run: () => void s.setRecording(tab.key, true) }]
        : []),
    { label: 'Upload…', run: () => model.transfers.ask({ direction: 'upload', target: tab.target, title: tab.title }), ...needsHost },
    { label: 'Download…', run: () => model.transfers.ask({ direction: 'download', target: tab.target, title: tab.title }), ...needsHost },
    { label: 'New tab to the same target', ...keysOf('newTab'), run: () => void s.open(tab.target, tab.title), ...needsHost },
    { label: 'Close', ...keysOf('closeTab'), run: () => void s.close(tab.key) },
  ];
}
