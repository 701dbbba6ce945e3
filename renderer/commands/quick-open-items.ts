// What quick open lists: every node the tree has loaded (profiles down to containers, and
// instances) plus the recent targets main remembers (which may not be loaded yet), fuzzy-matched
// on their names (then on where they are), recent ones first.
import type { InventoryNode, RecentTarget } from '../../shared/contract/index.js';
import { notReadyReason, rowLabel, targetOf, titleOf } from '../tree/node-view.js';
import type { Branch } from '../tree/tree-store.js';
import { fuzzyMatch, type FuzzyMatch } from './fuzzy.js';
import { rankCandidates, type Candidate } from './quick-open-rank.js';

export const QUICK_OPEN = {
  /** Rows shown at most: more than a few screens of matches means the query should be longer. */
  MAX_ITEMS: 60,
  /** A term found only in where a target is (its cluster, region) counts this much of a name match. */
  WHERE_WEIGHT: 0.5,
} as const;

/** What separates the names in a where text (whereOf). */
const WHERE_SEPARATOR = ' · ';

/** Shells and forwards go to these; the other kinds are revealed in the tree. */
const TARGET_KINDS: ReadonlySet<InventoryNode['kind']> = new Set(['container', 'instance']);

export interface TargetItem {
  /** The inventory node id (for a recent target not loaded yet, the id it had). */
  readonly id: string;
  readonly kind: InventoryNode['kind'];
  readonly label: string;
  readonly where: string;
  /** The loaded node, when the tree has it. */
  readonly node: InventoryNode | null;
  /** What it was remembered as, when it is a recent target. */
  readonly recent: RecentTarget | null;
  /** Matched characters of `label` and of `where`. */
  readonly labelHits: readonly number[];
  readonly whereHits: readonly number[];
}

/** The loaded nodes and each one's parent, from the tree's branches. */
export interface NodeIndex {
  readonly nodes: ReadonlyMap<string, InventoryNode>;
  readonly parent: ReadonlyMap<string, string>;
  /** Order of first sight (profiles, then regions…): the order of equal scores. */
  readonly order: readonly string[];
}

export function indexNodes(branches: ReadonlyMap<string, Branch>): NodeIndex {
  const nodes = new Map<string, InventoryNode>();
  const parent = new Map<string, string>();
  const order: string[] = [];
  for (const [parentId, branch] of branches) {
    for (const n of branch.children) {
      if (!nodes.has(n.id)) order.push(n.id);
      nodes.set(n.id, n);
      parent.set(n.id, parentId);
    }
  }
  return { nodes, parent, order };
}

/** The ids of a node's loaded ancestors, outermost first. */
export function ancestorsOf(index: NodeIndex, id: string): string[] {
  const out: string[] = [];
  for (let p = index.parent.get(id); p !== undefined && index.nodes.has(p); p = index.parent.get(p)) out.unshift(p);
  return out;
}

/**
 * Where a node is, in words: "sandbox · us-east-1 · demo-web · web · 0e1f0001 · web:3". The task
 * is in it because the containers of one service's tasks share their names.
 */
export function whereOf(index: NodeIndex, id: string): string {
  return ancestorsOf(index, id)
    .map((a) => index.nodes.get(a))
    .filter((n): n is InventoryNode => n !== undefined)
    .map((n) => rowLabel(n))
    .join(WHERE_SEPARATOR);
}

/** What to remember about a target just opened; null for nodes that are not shell targets. */
export function recentEntryOf(index: NodeIndex, node: InventoryNode): RecentTarget | null {
  const target = targetOf(node);
  if (target === null || (node.kind !== 'container' && node.kind !== 'instance')) return null;
  return { nodeId: node.id, kind: node.kind, label: rowLabel(node), where: whereOf(index, node.id), title: titleOf(node), target };
}

/**
 * A term's best match inside one of the names a where text is made of. Across the whole text, the
 * letters of almost any short term turn up in order somewhere ("bast": sandBox · us-eAST-1), so
 * every target matched and a query narrowed nothing.
 */
function matchInWhere(term: string, where: string): FuzzyMatch | null {
  let best: FuzzyMatch | null = null;
  let offset = 0;
  for (const name of where.split(WHERE_SEPARATOR)) {
    const m = fuzzyMatch(term, name);
    if (m !== null && (best === null || m.score > best.score)) best = { score: m.score, positions: m.positions.map((p) => p + offset) };
    offset += name.length + WHERE_SEPARATOR.length;
  }
  return best;
}

/** Every whitespace-separated term must match the label or, failing that, one name in the where text. */
function score(query: string, label: string, where: string): { score: number; labelHits: number[]; whereHits: number[] } | null {
  const labelHits: number[] = [];
  const whereHits: number[] = [];
  let total = 0;
  for (const term of query.split(/\s+/).filter((t) => t.length > 0)) {
    const inLabel = fuzzyMatch(term, label);
    if (inLabel !== null) {
      total += inLabel.score;
      labelHits.push(...inLabel.positions);
      continue;
    }
    const inWhere = matchInWhere(term, where);
    if (inWhere === null) return null;
    total += inWhere.score * QUICK_OPEN.WHERE_WEIGHT;
    whereHits.push(...inWhere.positions);
  }
  return { score: total, labelHits, whereHits };
}

/**
 * The rows for a query: targets whose name it matches, then those it matches only by where they
 * are; within each, recent targets first (most recent first), then the loaded nodes by score
 * (quick-open-rank.ts: targets before other kinds at equal score). An empty query lists the
 * recent targets, then the loaded shell targets.
 */
export function quickOpenItems(index: NodeIndex, recents: readonly RecentTarget[], query: string, max: number = QUICK_OPEN.MAX_ITEMS): TargetItem[] {
  const q = query.trim();
  const recentIds = new Set(recents.map((r) => r.nodeId));
  const first: TargetItem[] = [];
  for (const r of recents) {
    const node = index.nodes.get(r.nodeId) ?? null;
    const label = node ? rowLabel(node) : r.label;
    const where = node ? whereOf(index, node.id) : r.where;
    const s = score(q, label, where);
    if (s !== null) first.push({ id: r.nodeId, kind: r.kind, label, where, node, recent: r, labelHits: s.labelHits, whereHits: s.whereHits });
  }
  const items = new Map<string, TargetItem>();
  const rest: Candidate[] = [];
  index.order.forEach((id, rank) => {
    const node = index.nodes.get(id);
    if (node === undefined || recentIds.has(id)) return;
    if (q.length === 0 && !TARGET_KINDS.has(node.kind)) return;
    const label = rowLabel(node);
    const where = whereOf(index, id);
    const s = score(q, label, where);
    if (s === null) return;
    const item: TargetItem = { id, kind: node.kind, label, where, node, recent: null, labelHits: s.labelHits, whereHits: s.whereHits };
    items.set(id, item);
    const use = TARGET_KINDS.has(node.kind) ? (notReadyReason(node) === null ? 2 : 1) : 0;
    rest.push({ id, kind: node.kind, label, score: s.score, rank, use, nameHit: s.labelHits.length > 0 });
  });
  const ranked = rankCandidates(rest, index.nodes, index.parent, q.length > 0).flatMap((c) => items.get(c.id) ?? []);
  // Targets the query names come before those it matched only by where they are, recent or not:
  // "work" put recent reporter and batch (in demo-workers) above the never-opened workers, and
  // Enter opened the wrong shell. Within each kind of match, recent ones first. The loaded nodes
  // keep their ranked order (a container may rank with its task though only its task was named).
  const named = first.filter((i) => i.labelHits.length > 0);
  const placed = first.filter((i) => i.labelHits.length === 0);
  const cut = q.length === 0 ? 0 : ranked.findIndex((i) => i.labelHits.length === 0);
  const at = cut < 0 ? ranked.length : cut;
  return [...named, ...ranked.slice(0, at), ...placed, ...ranked.slice(at)].slice(0, max);
}
