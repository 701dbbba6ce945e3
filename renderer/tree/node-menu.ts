// The tree's context menu: the node actions this node offers, each disabled with its reason when
// it cannot run now (the same table and rules as the target details and the command palette).
import type { InventoryNode } from '../../shared/contract/index.js';
import type { AppModel } from '../root/app-model.js';
import { NODE_ACTIONS, type NodeActionContext } from './node-action-defs.js';
import type { MenuItem } from './node-actions.js';

export function menuFor(model: AppModel, node: InventoryNode, context: NodeActionContext): MenuItem[] {
  return NODE_ACTIONS.filter((a) => a.offers(node)).map((a): MenuItem => {
    const why = a.unavailable(node, context);
    const hint = why ?? a.advice?.(node) ?? null;
    return { label: a.label(node), run: () => a.run(model, node), ...(why !== null ? { disabled: true } : {}), ...(hint !== null ? { hint } : {}) };
  });
}
