// The layout: tree | (tabs + terminal over the bottom panel), status bar below; app-wide
// keyboard shortcuts (commands/keymap.ts); the modal and toasts on top.
import { useEffect, useState } from 'react';
import { MfaDialog } from '../auth/MfaDialog.js';
import { SsoDialog } from '../auth/SsoDialog.js';
import { registerAppCommands } from '../commands/app-commands.js';
import { COMMANDS } from '../commands/commands.js';
// Not lazy: what is typed right after Ctrl+P must land in its field, not in the terminal while a chunk loads.
import { Palette } from '../commands/Palette.js';
import { BottomPanel } from '../layout/BottomPanel.js';
import { PanelSeparator, TreeRail, TreeSeparator } from '../layout/LayoutSeparators.js';
import { StatusBar } from '../layout/StatusBar.js';
import { TerminalArea } from '../sessions/TerminalArea.js';
import { useStore } from '../state/store.js';
import { TreePane } from '../tree/TreePane.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.js';
import { installBlankClickFocus } from '../ui/blank-click-focus.js';
import { trackFocus } from '../ui/return-focus.js';
import { lazyPart } from '../ui/lazy-part.js';
import { Toasts } from '../ui/Toasts.js';
import { ForwardsAnnouncer } from '../forwards/ForwardsAnnouncement.js';
import { useClient } from './client-context.js';
import { useLinkLost } from './use-link-lost.js';
import { useModel } from './model-context.js';
import { StartFailed, useStartFailure } from './StartFailed.js';
import { useCall } from './use-call.js';
import { useTheme } from './use-theme.js';
import { useWindowEffects } from './use-window-effects.js';

// Dialogs shown on demand load on first use (ui/lazy-part.tsx): the first screen does not carry them.
// A dialog whose code fails to load says so in a dialog of its own, closed as the dialog would be.
const ForwardDialog = lazyPart(() => import('../forwards/ForwardDialog.js').then((m) => m.ForwardDialog), {
  dialog: (m) => m.forwardDraft.close(),
});
const TransferDialog = lazyPart(() => import('../transfers/TransferDialog.js').then((m) => m.TransferDialog), {
  dialog: (m) => m.transfers.closePrompt(),
});
const ShortcutsHelp = lazyPart(() => import('../commands/ShortcutsHelp.js').then((m) => m.ShortcutsHelp), {
  dialog: (_m, props) => props.onClose(),
});

const IN_TERMINAL = new Set(COMMANDS.filter((c) => c.inTerminal).map((c) => c.id));

export function App() {
  const client = useClient();
  const model = useModel();
  const info = useCall('app', 'info', {});
  const { settings } = useStore(model.settings);
  const draft = useStore(model.forwardDraft);
  const transferPrompt = useStore(model.transfers).prompt;
  const { treeCollapsed } = useStore(model.layout);
  const panelOpen = useStore(model.panel).open;
  // From the client's current state: a link lost before App's first render still shows.
  const disconnected = useLinkLost();
  const [findOpen, setFindOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  /** The palette's opening query ('>' commands, '' quick open), or null while it is closed. */
  const [palette, setPalette] = useState<string | null>(null);
  useTheme(settings?.theme, settings?.fontFamily, settings?.fontSize);
  useWindowEffects(model);
  useEffect(() => client.onRejected((e) => console.error(`porthole: main refused a message: ${e.message}`)), [client]);
  useEffect(trackFocus, []);
  useEffect(() => installBlankClickFocus(model), [model]);
  const startFailure = useStartFailure(client);

  useEffect(
    () =>
      registerAppCommands(model, {
        openFind: () => {
          if (!model.sessions.active?.sessionId) return false;
          setFindOpen(true);
          return true;
        },
        openShortcuts: () => setHelpOpen(true),
        openPalette: setPalette,
        openSettings: () => {
          if (model.settings.state.settings === null) return false;
          setSettingsOpen(true);
          return true;
        },
      }),
    [model],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const id = model.keymap.match(e);
      if (id === null || IN_TERMINAL.has(id)) return;
      if (model.commands.run(id)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [model]);

  if (startFailure !== null) return <StartFailed reason={startFailure} />;
  return (
    <div className={`app${treeCollapsed ? ' tree-collapsed' : ''}`} data-testid="app">
      {treeCollapsed && <TreeRail shortcut={model.keymap.label('toggleTree')} />}
      <TreePane sandboxShells={info.status === 'ready' ? info.value.sandbox.shells : null} />
      {!treeCollapsed && <TreeSeparator />}
      <main className="work-area">
        <TerminalArea findOpen={findOpen} onCloseFind={() => setFindOpen(false)} />
        {panelOpen && <PanelSeparator />}
        <BottomPanel />
      </main>
      <StatusBar info={info} disconnected={disconnected} onShortcuts={() => setHelpOpen(true)} settingsOpen={settingsOpen} onSettings={setSettingsOpen} />
      {draft && <ForwardDialog draft={draft} />}
      {transferPrompt && <TransferDialog key={`${transferPrompt.direction}-${transferPrompt.title}`} prompt={transferPrompt} />}
      {helpOpen && <ShortcutsHelp onClose={() => setHelpOpen(false)} />}
      {palette !== null && <Palette key={palette} initialQuery={palette} onClose={() => setPalette(null)} />}
      <MfaDialog />
      <SsoDialog />
      <ConfirmDialog />
      <Toasts />
      <ForwardsAnnouncer />
    </div>
  );
}
