// What the palette's rows do: run a command, open a shell or the forward form on a target, or
// show a node that is not a target (a cluster, a region) in the tree.
import type { ShellTarget } from '../../shared/contract/index.js';
import type { AppModel } from '../root/app-model.js';
import { openForward, openOrDiagnose } from '../tree/node-actions.js';
import { commandRefusal, type CommandState } from './command-refusal.js';
import { commandTarget, targetTitle } from './command-target.js';
import { findNode } from '../tree/tree-store.js';
import type { CommandInfo } from './commands.js';
import { ancestorsOf, indexNodes, type TargetItem } from './quick-open-items.js';

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

/** Enter: a shell on a container or instance (or its diagnosis when it cannot take one); other kinds are shown in the tree. */
export function openItem(model: AppModel, item: TargetItem): void {
  if (item.node !== null) {
    if (item.node.kind === 'container' || item.node.kind === 'instance') openOrDiagnose(model, item.node);
    else revealInTree(model, item.id);
    return;
  }
  // A recent target the tree has not loaded: open it as it was remembered.
  if (item.recent !== null) {
    void model.settings.rememberTarget(item.recent);
    const target: ShellTarget = item.recent.target;
    void model.sessions.open(target, item.recent.title);
  }
}

/** Ctrl+Enter: the new-forward form preset to the target. */
export function forwardItem(model: AppModel, item: TargetItem): boolean {
  if (item.node !== null && (item.node.kind === 'container' || item.node.kind === 'instance')) {
    openForward(model, item.node);
    return true;
  }
  if (item.node === null && item.recent !== null) {
    void model.settings.rememberTarget(item.recent);
    model.forwardDraft.open(item.recent.target, item.recent.title);
    return true;
  }
  return false;
}

/** Opens the node's ancestors, selects it and gives it the keyboard. */
export function revealInTree(model: AppModel, id: string): void {
  const index = indexNodes(model.tree.state.branches);
  for (const a of ancestorsOf(index, id)) void model.tree.expand(a);
  model.tree.select(id);
  // The rows of the opened ancestors appear on the next render.
  requestAnimationFrame(() => {
    const row = document.querySelector<HTMLElement>('[role="tree"] [role="treeitem"][aria-selected="true"]');
    row?.scrollIntoView({ block: 'nearest' });
    row?.focus();
  });
}
