// The layout: tree | (tabs + terminal over the bottom panel), status bar below; app-wide
// keyboard shortcuts; the modal and toasts on top.
import { useEffect, useState } from 'react';
import { MfaDialog } from '../auth/MfaDialog.js';
import { ForwardDialog } from '../forwards/ForwardDialog.js';
import { BottomPanel } from '../layout/BottomPanel.js';
import { StatusBar } from '../layout/StatusBar.js';
import { TerminalArea } from '../sessions/TerminalArea.js';
import { useStore } from '../state/store.js';
import { shortcutOf } from '../terminal/keys.js';
import { TransferDialog } from '../transfers/TransferDialog.js';
import { TreePane } from '../tree/TreePane.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.js';
import { Toasts } from '../ui/Toasts.js';
import { useClient } from './client-context.js';
import { useModel } from './model-context.js';
import { useCall } from './use-call.js';
import { useTheme } from './use-theme.js';
import { useWindowEffects } from './use-window-effects.js';

export function App() {
  const client = useClient();
  const model = useModel();
  const info = useCall('app', 'info', {});
  const { settings } = useStore(model.settings);
  const draft = useStore(model.forwardDraft);
  const transferPrompt = useStore(model.transfers).prompt;
  const [disconnected, setDisconnected] = useState<string | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  useTheme(settings?.theme, settings?.fontFamily, settings?.fontSize);
  useWindowEffects(model);
  useEffect(() => client.onDisconnect(setDisconnected), [client]);
  useEffect(() => client.onRejected((e) => console.error(`porthole: main refused a message: ${e.message}`)), [client]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const action = shortcutOf(e);
      if (action === null || action === 'copy' || action === 'paste') return;
      const active = model.sessions.active;
      if (action === 'nextTab') model.sessions.cycle(1);
      else if (action === 'prevTab') model.sessions.cycle(-1);
      else if (action === 'closeTab' && active) void model.sessions.close(active.key);
      else if (action === 'newTab' && active) void model.sessions.open(active.target, active.title);
      else if (action === 'find' && active?.sessionId) setFindOpen(true);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [model]);

  return (
    <div className="app" data-testid="app">
      <TreePane />
      <main className="work-area">
        <TerminalArea findOpen={findOpen} onCloseFind={() => setFindOpen(false)} />
        <BottomPanel />
      </main>
      <StatusBar info={info} disconnected={disconnected} />
      {draft && <ForwardDialog draft={draft} />}
      {transferPrompt && <TransferDialog key={`${transferPrompt.direction}-${transferPrompt.title}`} prompt={transferPrompt} />}
      <MfaDialog />
      <ConfirmDialog />
      <Toasts />
    </div>
  );
}
