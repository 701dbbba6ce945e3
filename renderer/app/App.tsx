// The final layout skeleton: tree | (tabs + terminal over the bottom panel), status bar below.
import { useEffect, useState } from 'react';
import { BottomPanel } from '../layout/BottomPanel.js';
import { StatusBar } from '../layout/StatusBar.js';
import { TerminalArea } from '../layout/TerminalArea.js';
import { TreePane } from '../layout/TreePane.js';
import { useClient } from './client-context.js';
import { useCall } from './use-call.js';
import { useSettings } from './use-settings.js';
import { useTheme } from './use-theme.js';

export function App() {
  const client = useClient();
  const info = useCall('app', 'info', {});
  const settings = useSettings();
  const [disconnected, setDisconnected] = useState<string | null>(null);
  useTheme(settings.settings?.theme, settings.settings?.fontFamily, settings.settings?.fontSize);
  useEffect(() => client.onDisconnect(setDisconnected), [client]);
  useEffect(() => client.onRejected((e) => console.error(`porthole: main refused a message: ${e.message}`)), [client]);

  return (
    <div className="app" data-testid="app">
      <TreePane />
      <main className="work-area">
        <TerminalArea />
        <BottomPanel />
      </main>
      <StatusBar info={info} settings={settings} disconnected={disconnected} />
    </div>
  );
}
