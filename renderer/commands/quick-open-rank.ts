// The order of quick open's loaded matches. A container matched by its own name and, for the rest
// of the query, by its task's name ("worker 0011") scores below that task, which holds every term
// in its own name ("0e1f0011 · worker:2"): Enter then showed the task instead of opening the shell
// asked for. So a container counts as good a match as its task when it is what the query points
// at (its own name matched too, or it is the task's only container), and at equal score what can
// take a shell comes before what only holds such targets.
import type { InventoryNode } from '../../shared/contract/index.js';

export interface Candidate {
  readonly id: string;
  readonly kind: InventoryNode['kind'];
  readonly label: string;
  readonly score: number;
  /** Order of first sight in the tree: the last tie-break. */
  readonly rank: number;
  /** 2 a target that can take a shell now, 1 one that cannot, 0 any other kind. */
  readonly use: number;
  /** Whether a term of the query matched the label (not only where the node is). */
  readonly nameHit: boolean;
}

/** The loaded containers of each task, by task id. */
function containerCounts(nodes: ReadonlyMap<string, InventoryNode>, parent: ReadonlyMap<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [id, p] of parent) if (nodes.get(id)?.kind === 'container') counts.set(p, (counts.get(p) ?? 0) + 1);
  return counts;
}

/** Each container the query points at scores at least as much as its task, when the task matched too. */
export function liftContainers(candidates: readonly Candidate[], nodes: ReadonlyMap<string, InventoryNode>, parent: ReadonlyMap<string, string>): Candidate[] {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  let counts: Map<string, number> | null = null;
  return candidates.map((c) => {
    if (c.kind !== 'container') return c;
    const taskId = parent.get(c.id);
    const task = taskId === undefined ? undefined : byId.get(taskId);
    if (taskId === undefined || task === undefined || task.kind !== 'task' || task.score <= c.score) return c;
    counts ??= containerCounts(nodes, parent);
    if (!c.nameHit && counts.get(taskId) !== 1) return c;
    return { ...c, score: task.score };
  });
}

/**
 * Best first: by score; at equal score ready targets, then targets that cannot take a shell now,
 * then other kinds; then (with a query) the shorter name, more of which matched; then tree order.
 */
export function rankCandidates(candidates: readonly Candidate[], nodes: ReadonlyMap<string, InventoryNode>, parent: ReadonlyMap<string, string>, withQuery: boolean): Candidate[] {
  return liftContainers(candidates, nodes, parent).sort((a, b) => b.score - a.score || b.use - a.use || (withQuery ? a.label.length - b.label.length : 0) || a.rank - b.rank);
}
