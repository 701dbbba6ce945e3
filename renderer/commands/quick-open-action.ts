// What Enter and Ctrl+Enter do on a quick-open row, decided in one place so the keys, a click and
// the hint under the list agree. A container or instance known not to take a session diagnoses
// on both keys: Ctrl+Enter's forward would fail there with ECS Exec's generic words, and running
// Diagnose under the "forward…" label without a word was what people saw before.
import { isTargetNode, notReadyReason } from '../tree/node-view.js';
import type { TargetItem } from './quick-open-items.js';

export type QuickOpenAction =
  /** A shell on the target (a loaded node, or a recent one as it was remembered). */
  | 'shell'
  /** The new-forward form preset to the target. */
  | 'forward'
  /** Diagnose the target, in the Diagnostics panel, which gets the keyboard. */
  | 'diagnose'
  /** Not a target (a cluster, a region): shown in the tree. */
  | 'reveal'
  /** Nothing: the palette stays open (Ctrl+Enter on a node a forward cannot go to). */
  | 'none';

export function quickOpenAction(item: TargetItem, forward: boolean): QuickOpenAction {
  const node = item.node;
  if (node !== null) {
    if (!isTargetNode(node)) return forward ? 'none' : 'reveal';
    if (notReadyReason(node) !== null) return 'diagnose';
    return forward ? 'forward' : 'shell';
  }
  // A recent target the tree has not loaded: its readiness is unknown, so it is taken as remembered.
  if (item.recent !== null) return forward ? 'forward' : 'shell';
  return 'none';
}
