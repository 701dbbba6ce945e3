// What the tree's double-click and its node actions (node-action-defs.ts) do with a node.
import type { DiagnosisTarget, InventoryNode } from '../../shared/contract/index.js';
import { indexNodes, recentEntryOf } from '../commands/quick-open-items.js';
import type { AppModel } from '../root/app-model.js';
import { diagnosisTargetOf, notReadyReason, targetOf, titleOf } from './node-view.js';

export interface MenuItem {
  readonly label: string;
  readonly run: () => void;
  readonly disabled?: boolean;
  readonly hint?: string;
  /** Its keyboard shortcut, shown at the right of the item. */
  readonly keys?: string;
  /** Marks the current one of a choice (the active tab in the list of all tabs). */
  readonly checked?: boolean;
}

export async function copyText(model: AppModel, text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    model.toasts.show(`Copied ${what}`);
  } catch {
    model.toasts.show(`Could not reach the clipboard to copy ${what}.`, 'error');
  }
}

/** Quick open lists the targets a shell or forward was opened on first. */
export function rememberTarget(model: AppModel, node: InventoryNode): void {
  const entry = recentEntryOf(indexNodes(model.tree.state.branches), node);
  if (entry !== null) void model.settings.rememberTarget(entry);
}

export function openShell(model: AppModel, node: InventoryNode): void {
  const target = targetOf(node);
  if (target === null) return;
  rememberTarget(model, node);
  void model.sessions.open(target, titleOf(node));
}

/**
 * The new-forward form, preset to this target; or (for a target known not to take a session, e.g.
 * a stopped task) its diagnosis, as Enter, Upload… and Download… do: a forward there fails with
 * ECS Exec's generic words.
 */
export function openForward(model: AppModel, node: InventoryNode): void {
  if (targetOf(node) === null) return;
  if (notReadyReason(node) !== null) return diagnose(model, node);
  presetForward(model, node);
}

/** The new-forward form preset to this target, whatever its readiness (the form warns of it). */
export function presetForward(model: AppModel, node: InventoryNode): void {
  const target = targetOf(node);
  if (target === null) return;
  rememberTarget(model, node);
  model.forwardDraft.open(target, titleOf(node));
}

/** Enter and double-click: a shell, or (for a target known not to take one) the diagnosis instead of a tab that would fail. */
export function openOrDiagnose(model: AppModel, node: InventoryNode): void {
  if (notReadyReason(node) !== null) diagnose(model, node);
  else openShell(model, node);
}

export function diagnose(model: AppModel, node: InventoryNode): void {
  const target = diagnosisTargetOf(node);
  if (target === null) return;
  diagnoseTarget(model, target, titleOf(node));
}

/** The Diagnostics panel, shown, running the checks on this target. */
export function diagnoseTarget(model: AppModel, target: DiagnosisTarget, title: string): void {
  model.panel.show('diagnostics');
  void model.diagnostics.run(target, title);
}

/**
 * Upload… and Download…: the path dialog, or (for a target known not to take a session, e.g. a
 * stopped task) its diagnosis, as Enter does: a copy there fails with ECS Exec's generic words.
 */
export function askTransfer(model: AppModel, node: InventoryNode, direction: 'upload' | 'download'): void {
  const target = targetOf(node);
  if (target === null) return;
  if (notReadyReason(node) !== null) return diagnose(model, node);
  model.transfers.ask({ direction, target, title: titleOf(node) });
}
