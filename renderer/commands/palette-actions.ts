// What the palette's rows do: run a command, open a shell or the forward form on a target, or
// show a node that is not a target (a cluster, a region) in the tree.
import type { ShellTarget } from '../../shared/contract/index.js';
import type { AppModel } from '../root/app-model.js';
import { diagnose, openShell, presetForward } from '../tree/node-actions.js';
import { focusPanelTab } from '../ui/focus-panel.js';
import { commandRefusal, type CommandState } from './command-refusal.js';
import { commandTarget, targetTitle } from './command-target.js';
import { findNode } from '../tree/tree-store.js';
import type { CommandInfo } from './commands.js';
import type { QuickOpenAction } from './quick-open-action.js';
import { ancestorsOf, indexNodes, type TargetItem } from './quick-open-items.js';
import { loadPathTo } from './target-path.js';

/** What decides which commands can run now: the tabs, the active one's session, the target, settings. */
export function commandState(model: AppModel): CommandState {
  const active = model.sessions.active;
  const id = active?.sessionId;
  const target = commandTarget(model);
  return {
    tabCount: model.sessions.state.tabs.length,
    activeHasTerminal: id !== undefined && id !== null && model.registry.get(id) !== undefined,
    activeClosed: active?.status.state === 'closed',
    activeRecording: active !== null && active.recording !== null,
    split: model.sessions.state.pairKey !== null,
    target: target === null ? null : { title: targetTitle(target), node: target.kind === 'node' ? target.node : null },
    selected: findNode(model.tree.state, model.tree.state.selected) ?? null,
    settingsLoaded: model.settings.state.settings !== null,
    linkLost: model.sessions.state.linkLost,
  };
}

/** Runs a command picked in the palette; says so when it does not apply now (the palette shows such ones disabled, so only a race gets here). */
export function runCommand(model: AppModel, command: CommandInfo): void {
  if (!model.commands.run(command.id)) model.toasts.show(commandRefusal(command, commandState(model), model.keymap.label('quickOpen')));
}

/**
 * Does what quickOpenAction decided for a picked row (Enter, Ctrl+Enter or a click). A loaded
 * target is selected in the tree first, so its details show what was opened, without taking the
 * keyboard from the shell, form or panel that opens on it.
 */
export function runTargetItem(model: AppModel, item: TargetItem, action: QuickOpenAction): void {
  const node = item.node;
  if (action === 'reveal') return revealInTree(model, item.id);
  if (node !== null) {
    if (action !== 'none') revealInTree(model, item.id, { focus: false });
    if (action === 'shell') openShell(model, node);
    else if (action === 'forward') presetForward(model, node);
    else if (action === 'diagnose') {
      // Shown and given the keyboard: the palette has closed, and a diagnosis in a panel the
      // keyboard is not on read as nothing having happened.
      diagnose(model, node);
      focusPanelTab();
    }
    return;
  }
  // A recent target the tree has not loaded: taken as it was remembered, and shown in the tree once
  // the way to it is loaded.
  if (item.recent === null || (action !== 'shell' && action !== 'forward')) return;
  void model.settings.rememberTarget(item.recent);
  const target: ShellTarget = item.recent.target;
  if (action === 'shell') void model.sessions.open(target, item.recent.title);
  else model.forwardDraft.open(target, item.recent.title);
  void revealTarget(model, target, { focus: false });
}

/**
 * Loads the way down to a target the tree has not loaded (target-path.ts) and shows it there as
 * revealInTree does; a target no longer there, or a list on the way that could not be loaded, is
 * said so. The way may take a while (a sign-in, a request per service): when the user has
 * selected something else or changed the filter meanwhile, the tree is left as they made it.
 */
export async function revealTarget(model: AppModel, target: ShellTarget, { focus = true }: { readonly focus?: boolean } = {}): Promise<void> {
  const { selected, query } = model.tree.state;
  const way = await loadPathTo(model.tree, target);
  if (way.kind === 'failed') {
    model.toasts.show(`Not shown in the tree: a list on the way to it could not be loaded (${way.message}).`, 'error');
    return;
  }
  const id = way.kind === 'found' ? way.path.at(-1) : undefined;
  if (way.kind === 'gone' || id === undefined) {
    model.toasts.show(`Not shown in the tree: ${goneWords(target)}`, 'info');
    return;
  }
  if (model.tree.state.selected !== selected || model.tree.state.query !== query) return;
  showInTree(model, way.path.slice(0, -1), id, focus);
}

/** Why a target's way ended, in words that fit its kind. */
function goneWords(target: ShellTarget): string {
  return target.kind === 'instance'
    ? 'the instance is no longer listed in its region.'
    : 'the container is no longer listed there (its task may have stopped).';
}

/**
 * Opens the node's ancestors, selects it, scrolls it into view and (unless `focus` is false: a
 * shell or form opened on it takes the keyboard instead) gives it the keyboard.
 */
export function revealInTree(model: AppModel, id: string, { focus = true }: { readonly focus?: boolean } = {}): void {
  showInTree(model, ancestorsOf(indexNodes(model.tree.state.branches), id), id, focus);
}

function showInTree(model: AppModel, ancestors: readonly string[], id: string, focus: boolean): void {
  // A filter that hides it is cleared: a node selected out of sight is a selection nobody sees.
  const visible = model.tree.state.visible;
  if (visible !== null && !visible.has(id)) model.tree.setQuery('');
  for (const a of ancestors) void model.tree.expand(a);
  model.tree.select(id);
  // The rows of the opened ancestors appear on the next render.
  requestAnimationFrame(() => {
    const row = document.querySelector<HTMLElement>('[role="tree"] [role="treeitem"][aria-selected="true"]');
    row?.scrollIntoView({ block: 'nearest' });
    if (focus) row?.focus();
  });
}
