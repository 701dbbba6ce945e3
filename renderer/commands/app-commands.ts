// What the app's named commands do. Registered once by <App>; the command palette runs the same
// ids through model.commands. Each calls what the menu or button for it calls (the tab's and the
// tree's menus, the Forwards panel's New forward…, the status bar's Settings).
import type { AppModel } from '../root/app-model.js';
import type { TerminalController } from '../terminal/terminal-controller.js';
import { focusPanelTab } from '../ui/focus-panel.js';
import { focusTree } from '../ui/focus-tree.js';
import { diagnoseCommandTarget, newForward, transferTo } from './command-target.js';
import { nodeAction, runNodeAction } from '../tree/node-action-defs.js';
import { findNode } from '../tree/tree-store.js';
import { NODE_COMMANDS } from './commands.js';
import { TAB_NUMBERS, type NodeCommandId } from './keymap.js';

export interface AppUi {
  openFind(): boolean;
  openShortcuts(): void;
  /** Opens the palette with this query: '>' for commands, '' for quick open. */
  openPalette(query: string): void;
  /** Opens the Settings popover (the status bar's Settings); false while settings are loading. */
  openSettings(): boolean;
}

/** The tab shown beside the active one by Split: the next one in the strip (wrapping), past the one already beside it. */
function nextBeside(model: AppModel): string | null {
  const { tabs, activeKey, pairKey } = model.sessions.state;
  const at = tabs.findIndex((t) => t.key === activeKey);
  if (at < 0) return null;
  for (let step = 1; step < tabs.length; step++) {
    const key = tabs[(at + step) % tabs.length]?.key;
    if (key !== undefined && key !== pairKey) return key;
  }
  return null;
}

function activeTerminal(model: AppModel): TerminalController | null {
  const id = model.sessions.active?.sessionId;
  return id === undefined || id === null ? null : (model.registry.get(id) ?? null);
}

function focusPanel(model: AppModel): boolean {
  if (!model.panel.state.open) model.panel.show(model.panel.state.view);
  focusPanelTab();
  return true;
}

export function registerAppCommands(model: AppModel, ui: AppUi): () => void {
  const s = model.sessions;
  const c = model.commands;
  const offs = [
    c.register('nextTab', () => s.state.tabs.length > 0 && (s.cycle(1), model.focusTerminal(), true)),
    c.register('prevTab', () => s.state.tabs.length > 0 && (s.cycle(-1), model.focusTerminal(), true)),
    c.register('closeTab', () => {
      const active = s.active;
      if (active === null) return false;
      void s.close(active.key).then(() => model.focusWork());
      return true;
    }),
    c.register('newTab', () => {
      const active = s.active;
      if (active === null) return false;
      void s.open(active.target, active.title);
      return true;
    }),
    c.register('renameTab', () => {
      const active = s.active;
      if (active === null) return false;
      model.tabRename.request(active.key);
      return true;
    }),
    c.register('splitTabs', () => {
      const key = nextBeside(model);
      if (key === null) return false;
      s.showBeside(key);
      return true;
    }),
    c.register('unsplitTabs', () => s.state.pairKey !== null && (s.unsplit(), true)),
    c.register('restartSession', () => {
      const active = s.active;
      if (active === null || active.status.state !== 'closed') return false;
      void s.restart(active.key);
      return true;
    }),
    c.register('startRecording', () => {
      const active = s.active;
      if (active === null || active.recording !== null || active.sessionId === null || active.status.state === 'closed') return false;
      void s.setRecording(active.key, true);
      return true;
    }),
    c.register('stopRecording', () => {
      const active = s.active;
      if (active === null || active.recording === null) return false;
      void s.setRecording(active.key, false);
      return true;
    }),
    c.register('newForward', () => newForward(model)),
    c.register('upload', () => transferTo(model, 'upload')),
    c.register('download', () => transferTo(model, 'download')),
    c.register('diagnose', () => diagnoseCommandTarget(model)),
    c.register('refreshTree', () => (void model.refreshAll.run(), true)),
    // The tree menu's actions, on the tree's selected node.
    ...(Object.entries(NODE_COMMANDS) as Array<[NodeCommandId, Parameters<typeof nodeAction>[0]]>).map(([id, action]) =>
      c.register(id, () => runNodeAction(model, nodeAction(action), findNode(model.tree.state, model.tree.state.selected) ?? null)),
    ),
    c.register('openSettings', () => ui.openSettings()),
    // The bottom panel's tabs.
    c.register('showForwards', () => (model.panel.show('forwards'), true)),
    c.register('showTransfers', () => (model.panel.show('transfers'), true)),
    c.register('showDiagnostics', () => (model.panel.show('diagnostics'), true)),
    c.register('showInspector', () => (model.panel.show('inspector'), true)),
    // The status bar's Theme choice.
    ...(['system', 'dark', 'light'] as const).map((theme) =>
      c.register(`theme${theme === 'system' ? 'System' : theme === 'dark' ? 'Dark' : 'Light'}`, () => model.settings.state.settings !== null && (void model.settings.update({ theme }), true)),
    ),
    // The terminal menu's Select all and Clear; the keyboard goes back to the terminal (Copy's key works on the selection).
    c.register('selectAll', () => {
      const terminal = activeTerminal(model);
      if (terminal === null) return false;
      terminal.selectAll();
      model.focusTerminal();
      return true;
    }),
    c.register('clearTerminal', () => {
      const terminal = activeTerminal(model);
      if (terminal === null) return false;
      terminal.clear();
      model.focusTerminal();
      return true;
    }),
    c.register('find', () => ui.openFind()),
    c.register('focusTerminal', () => model.focusTerminal()),
    c.register('focusTree', () => {
      if (!model.layout.state.treeCollapsed) return focusTree();
      model.layout.update({ treeCollapsed: false });
      requestAnimationFrame(() => focusTree());
      return true;
    }),
    c.register('focusPanel', () => focusPanel(model)),
    c.register('toggleTree', () => {
      const collapse = !model.layout.state.treeCollapsed;
      model.layout.update({ treeCollapsed: collapse });
      // Hiding the tree must not leave the keyboard in it; showing it puts the keyboard there.
      if (collapse) model.focusTerminal();
      else requestAnimationFrame(() => focusTree());
      return true;
    }),
    c.register('togglePanel', () => {
      model.panel.toggle();
      if (!model.panel.state.open) model.focusTerminal();
      return true;
    }),
    c.register('showShortcuts', () => (ui.openShortcuts(), true)),
    c.register('commandPalette', () => (ui.openPalette('>'), true)),
    c.register('quickOpen', () => (ui.openPalette(''), true)),
    ...TAB_NUMBERS.map((n) =>
      c.register(`tab${n}`, () => {
        const tab = s.state.tabs[n - 1];
        if (tab === undefined) return false;
        s.activate(tab.key);
        model.focusTerminal();
        return true;
      }),
    ),
  ];
  return () => {
    for (const off of offs) off();
  };
}
