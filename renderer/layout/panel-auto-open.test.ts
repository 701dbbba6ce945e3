import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, NO_CONNECTION_ERRORS, type ForwardInfo, type Settings } from '../../shared/contract/index.js';
import { PanelStore } from '../state/panel-store.js';
import type { SettingsView } from '../state/settings-model.js';
import { Store } from '../state/store.js';
import { startPanelAutoOpen } from './panel-auto-open.js';

class Settable<T> extends Store<T> {
  put(next: T): void {
    this.set(next);
  }
}

const forward = (id: string): ForwardInfo => ({ id, spec: { target: { kind: 'instance', profile: 'p', region: 'us-east-1', instanceId: 'i-0123456789abcdef0' }, remotePort: 80 } as ForwardInfo['spec'], localPort: 5000, lastLocalPort: 5000, state: 'listening', error: null, connectionErrors: NO_CONNECTION_ERRORS });

function world(settings: Settings | null = null) {
  const toggled: boolean[] = [];
  const panel = new PanelStore((open) => toggled.push(open));
  const forwards = new Settable<{ forwards: readonly ForwardInfo[]; loaded: boolean }>({ forwards: [], loaded: false });
  const transfers = new Settable<{ transfers: readonly never[] }>({ transfers: [] });
  const settingsStore = new Settable<SettingsView>({ settings, error: null });
  startPanelAutoOpen({ panel, forwards, transfers, settings: settingsStore });
  return { panel, forwards, settings: settingsStore, toggled };
}

describe('bottom panel: collapsed until it has something to show', () => {
  it('stays collapsed at start without forwards, and opens on the forwards view when one appears', () => {
    const w = world(DEFAULT_SETTINGS);
    expect(w.panel.state.open).toBe(false);
    w.forwards.put({ forwards: [], loaded: true });
    expect(w.panel.state.open).toBe(false);
    w.panel.show('diagnostics');
    w.panel.toggle();
    w.forwards.put({ forwards: [forward('f1')], loaded: true });
    expect(w.panel.state).toEqual({ view: 'forwards', open: true });
    // Only the user's toggle was reported for saving, not the automatic opening.
    expect(w.toggled).toEqual([false]);
  });

  it('opens at start when forwards exist and the user had left it open, and waits for settings to know that', () => {
    const w = world(null);
    w.forwards.put({ forwards: [forward('f1')], loaded: true });
    expect(w.panel.state.open).toBe(false);
    w.settings.put({ settings: DEFAULT_SETTINGS, error: null });
    expect(w.panel.state.open).toBe(true);
  });

  it('stays collapsed at start when the user had closed it, even with forwards', () => {
    const w = world({ ...DEFAULT_SETTINGS, layout: { ...DEFAULT_SETTINGS.layout, panelOpen: false } });
    w.forwards.put({ forwards: [forward('f1')], loaded: true });
    expect(w.panel.state.open).toBe(false);
    // A new forward later still brings it forward.
    w.forwards.put({ forwards: [forward('f1'), forward('f2')], loaded: true });
    expect(w.panel.state.open).toBe(true);
  });
});
