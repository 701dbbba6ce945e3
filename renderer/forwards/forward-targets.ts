// The targets a forward can go to, as the tree knows them: by name with where they are
// ("app" in "demo-web › web › 0e1f0001"), the ports their task definition declares, and whether
// ECS Exec can reach them now. The dialog lists them; the panel and the tree marker name forwards
// with them. Targets are matched by key (profile, region and the target's own ids).
import type { ForwardInfo, ForwardSpec, InventoryNode, TargetLabel, TargetRef } from '../../shared/contract/index.js';
import { shortTaskId } from '../../shared/format/task-id.js';
import { counted } from '../../shared/format/words.js';
import type { ForwardPlace } from '../../shared/messages/forwards.js';
import { sessionRefusal, type SessionRefusal } from '../../shared/target-readiness.js';
import { badgeOf, clusterName, notReadyReason, readinessOf, targetOf } from '../tree/node-view.js';
import type { TreeState } from '../tree/tree-store.js';

export interface TargetEntry {
  readonly key: string;
  readonly target: TargetRef;
  /** The tree node it came from (its id is what the tree selects). */
  readonly nodeId: string;
  readonly label: TargetLabel;
  /** Ports the task definition maps; null when unknown (an instance, an unreadable definition). */
  readonly declaredPorts: readonly number[] | null;
  /** Why ECS Exec or SSM cannot reach it now (the tree badge's reason); null when it can. */
  readonly notReady: string | null;
  /** Why a forward to it is refused now (a session there is known to fail); null when it may start. */
  readonly refusal: SessionRefusal | null;
  /** The ECS service whose task it is in (a forward to it may follow the service); null for a standalone task or an instance. */
  readonly service: string | null;
  /** The tree's badge when it marks trouble ("lost", "no exec", "stopped"); null for a ready target. */
  readonly mark: string | null;
}

/** Separator between the parts of a target's path. */
const PATH_SEPARATOR = ' › ';

export function targetKey(t: TargetRef): string {
  return t.kind === 'instance' ? `${t.profile}/${t.region}/${t.instanceId}` : `${t.profile}/${t.region}/${t.taskArn}/${t.containerName}`;
}

/** How an ancestor reads in a path: clusters and services by name, tasks by the end of their id. */
function pathPart(node: InventoryNode): string | null {
  switch (node.kind) {
    case 'cluster':
    case 'service':
      return node.label;
    case 'task':
      return shortTaskId(node.taskArn);
    default:
      return null;
  }
}

function labelOf(node: InventoryNode, ancestors: readonly InventoryNode[]): TargetLabel {
  if (node.kind === 'instance') return { name: node.name ?? node.instanceId, path: `${node.profile}${PATH_SEPARATOR}${node.region}` };
  const parts = ancestors.map(pathPart).filter((p): p is string => p !== null);
  const name = node.kind === 'container' ? node.name : node.label;
  return { name, path: parts.join(PATH_SEPARATOR) };
}

/** Every loaded target of the tree, in tree order, by key. */
export function targetIndex(tree: Pick<TreeState, 'branches'>): ReadonlyMap<string, TargetEntry> {
  const parentOf = new Map<string, string>();
  const nodes = new Map<string, InventoryNode>();
  for (const [parentId, branch] of tree.branches) {
    for (const child of branch.children) {
      parentOf.set(child.id, parentId);
      nodes.set(child.id, child);
    }
  }
  const ancestorsOf = (id: string): InventoryNode[] => {
    const out: InventoryNode[] = [];
    for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) {
      const n = nodes.get(p);
      if (n === undefined) break;
      out.unshift(n);
    }
    return out;
  };
  const out = new Map<string, TargetEntry>();
  for (const node of nodes.values()) {
    const target = targetOf(node);
    if (target === null) continue;
    const key = targetKey(target);
    if (out.has(key)) continue;
    // A container's agent still starting is warned of too; an instance by the verdict the tree's Enter uses.
    const readiness = node.kind === 'container' ? readinessOf(node) : null;
    const notReady = readiness !== null ? (readiness.ready ? null : readiness.reason) : notReadyReason(node);
    const badge = badgeOf(node);
    const mark = badge !== null && badge.tone !== 'ok' ? badge.text : null;
    const declaredPorts = node.kind === 'container' && node.ports ? node.ports.filter((p) => p.protocol === 'tcp' && p.containerPort > 0).map((p) => p.containerPort) : null;
    const ancestors = ancestorsOf(node.id);
    const service = node.kind === 'container' ? (ancestors.find((a) => a.kind === 'service')?.label ?? null) : null;
    out.set(key, { key, target, nodeId: node.id, label: labelOf(node, ancestors), declaredPorts, notReady, refusal: sessionRefusal(node), mark, service });
  }
  return out;
}

/** A target's name when the tree has not loaded it (and the forward carries no label): its ids. */
export function fallbackLabel(t: TargetRef): TargetLabel {
  return t.kind === 'instance' ? { name: t.instanceId, path: `${t.profile}${PATH_SEPARATOR}${t.region}` } : { name: t.containerName, path: `${clusterName(t.cluster)}${PATH_SEPARATOR}${shortTaskId(t.taskArn)}` };
}

/**
 * The name a forward's target goes by: the tree's (freshest), the one saved with it, or its ids. A
 * forward following its service goes by main's label: the task it runs on, or only its service
 * while it picks one and in its saved entry (its target is then a task it may never use again).
 */
export function labelOfSpec(spec: Pick<ForwardSpec, 'target' | 'targetLabel' | 'follow'>, index: ReadonlyMap<string, TargetEntry>): TargetLabel {
  if (spec.follow !== undefined && spec.targetLabel !== undefined) return spec.targetLabel;
  return index.get(targetKey(spec.target))?.label ?? spec.targetLabel ?? fallbackLabel(spec.target);
}

export function placeOf(spec: Pick<ForwardSpec, 'target' | 'targetLabel' | 'follow' | 'remoteHost' | 'remotePort'>, index: ReadonlyMap<string, TargetEntry>): ForwardPlace {
  return { targetName: labelOfSpec(spec, index).name, remoteHost: spec.remoteHost, remotePort: spec.remotePort };
}

/**
 * The tree marker's tooltip for a target with forwards ("Forwarded: localhost:54321 → app:8080"),
 * or null when none goes to it. A string, so the tree row re-renders only when it changes.
 */
export function forwardsMarkerText(forwards: readonly ForwardInfo[], target: TargetRef): string | null {
  const key = targetKey(target);
  const mine = forwards.filter((f) => targetKey(f.spec.target) === key);
  if (mine.length === 0) return null;
  const lines = mine.map((f) => {
    const local = f.localPort === null ? `${f.state}` : `localhost:${f.localPort}`;
    return `${local} → ${f.spec.remoteHost === undefined ? '' : `${f.spec.remoteHost}:`}${f.spec.remotePort}`;
  });
  return `${counted(mine.length, 'port forward')}:\n${lines.join('\n')}`;
}
