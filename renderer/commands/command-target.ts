// What the palette's target commands (New port forward…, Upload file…, Download file…, Diagnose)
// and the Forwards panel's New forward… act on: the part of the window that last had the keyboard
// decides, as in VS Code (work-area.ts).
// The terminals: the active tab's target. The tree: its selected container or instance (none when
// something else is selected there; the command then says what to select). Before either had the
// keyboard, the tab in view, else the tree. They run the same functions as the tab's and the
// tree's menus.
import type { InventoryNode } from '../../shared/contract/index.js';
import type { AppModel } from '../root/app-model.js';
import type { Tab } from '../sessions/session-store.js';
import { askTransfer, diagnose, diagnoseTarget, presetForward } from '../tree/node-actions.js';
import { isTargetNode, targetOf, titleOf, type TargetNode } from '../tree/node-view.js';
import { findNode } from '../tree/tree-store.js';
import type { WorkArea } from './work-area.js';

export type CommandTarget = { readonly kind: 'tab'; readonly tab: Tab } | { readonly kind: 'node'; readonly node: TargetNode };

/** The part the target commands act on: the terminals only while a tab is open. */
export function commandArea(lastFocused: WorkArea | null, tab: Tab | null): WorkArea {
  if (tab === null) return 'tree';
  return lastFocused ?? 'terminal';
}

/** The target in that part: the tab's, or the tree's selected node when it is a container or instance. */
export function pickCommandTarget(area: WorkArea, tab: Tab | null, selected: InventoryNode | undefined): CommandTarget | null {
  if (area === 'terminal' && tab !== null) return { kind: 'tab', tab };
  return selected !== undefined && isTargetNode(selected) ? { kind: 'node', node: selected } : null;
}

export function commandTarget(model: AppModel): CommandTarget | null {
  const tab = model.sessions.active;
  return pickCommandTarget(commandArea(model.workArea.state, tab), tab, findNode(model.tree.state, model.tree.state.selected));
}

export function targetTitle(t: CommandTarget): string {
  return t.kind === 'tab' ? t.tab.title : titleOf(t.node);
}

/**
 * The new-forward form for the palette's New port forward… and the Forwards panel's New forward…
 * alike: preset to the command target (a container the tree knows is not ready too, with the form's
 * warning: the palette refuses that case before it gets here), or with no target chosen when
 * there is none, so the person picks one rather than finding the first target in the tree taken.
 */
export function newForward(model: AppModel): boolean {
  const t = commandTarget(model);
  if (t === null) model.forwardDraft.open(null, '');
  else if (t.kind === 'node') presetForward(model, t.node);
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

/** The tree menu's Diagnose, on the tab's target when the terminals have the keyboard. */
export function diagnoseCommandTarget(model: AppModel): boolean {
  const t = commandTarget(model);
  if (t === null) return false;
  if (t.kind === 'node') diagnose(model, t.node);
  else diagnoseTarget(model, t.tab.target, t.tab.title);
  return true;
}
