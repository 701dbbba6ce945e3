// What the palette's target commands (New port forward…, Upload file…, Download file…, Diagnose)
// act on: the active tab's target, else the tree's selected container or instance. They run the
// same functions as the tab's and the tree's menus.
import type { InventoryNode } from '../../shared/contract/index.js';
import type { AppModel } from '../root/app-model.js';
import type { Tab } from '../sessions/session-store.js';
import { askTransfer, diagnose, diagnoseTarget, openForward } from '../tree/node-actions.js';
import { targetOf, titleOf } from '../tree/node-view.js';
import { findNode } from '../tree/tree-store.js';

export type CommandTarget = { readonly kind: 'tab'; readonly tab: Tab } | { readonly kind: 'node'; readonly node: InventoryNode };

export function commandTarget(model: AppModel): CommandTarget | null {
  const tab = model.sessions.active;
  if (tab !== null) return { kind: 'tab', tab };
  const node = findNode(model.tree.state, model.tree.state.selected);
  if (node !== undefined && (node.kind === 'container' || node.kind === 'instance')) return { kind: 'node', node };
  return null;
}

export function targetTitle(t: CommandTarget): string {
  return t.kind === 'tab' ? t.tab.title : titleOf(t.node);
}


/** The new-forward form preset to the target (the tree menu's Start port forward…), or with none chosen (the Forwards panel's New forward…). */
export function newForward(model: AppModel): boolean {
  const t = commandTarget(model);
  if (t === null) model.forwardDraft.open(null, '');
  else if (t.kind === 'node') openForward(model, t.node);
  else model.forwardDraft.open(t.tab.target, t.tab.title);
  return true;
}

/** Upload… and Download… of the tab's and the tree's menus. */
export function transferTo(model: AppModel, direction: 'upload' | 'download'): boolean {
  const t = commandTarget(model);
  if (t === null || (t.kind === 'node' && targetOf(t.node) === null)) return false;
  if (t.kind === 'node') askTransfer(model, t.node, direction);
  else model.transfers.ask({ direction, target: t.tab.target, title: t.tab.title });
  return true;
}

/** The tree menu's Diagnose, on the tab's target when a tab is active. */
export function diagnoseCommandTarget(model: AppModel): boolean {
  const t = commandTarget(model);
  if (t === null) return false;
  if (t.kind === 'node') diagnose(model, t.node);
  else diagnoseTarget(model, t.tab.target, t.tab.title);
  return true;
}
