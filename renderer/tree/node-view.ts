// How each kind of inventory node is shown and what it can do: its badge, its secondary text,
// the target it stands for (shell, forward, diagnosis) and the id worth copying.
import { shortTaskId } from '../../shared/format/task-id.js';
import { counted } from '../../shared/format/words.js';
import type { ContainerPort, DiagnosisTarget, InventoryNode, TargetRef } from '../../shared/contract/index.js';
import { readinessWithoutRuntimeId, type ExecNotReady, type ExecReadiness } from '../../shared/exec-readiness.js';
import { containerReadiness, instanceStanding, sessionRefusal } from '../../shared/target-readiness.js';

export type Tone = 'ok' | 'warn' | 'fail' | 'muted';

export interface Badge {
  readonly text: string;
  readonly tone: Tone;
  /** Why, in plain words, for the tooltip. */
  readonly hint: string;
}

export const EXPANDABLE: ReadonlySet<InventoryNode['kind']> = new Set(['profile', 'region', 'cluster', 'service', 'task']);

/** The cluster's name from its ARN (arn:aws:ecs:region:acct:cluster/NAME): ECS Exec targets use the name. */
export function clusterName(clusterArn: string): string {
  const i = clusterArn.lastIndexOf('/');
  return i >= 0 ? clusterArn.slice(i + 1) : clusterArn;
}

export function badgeOf(node: InventoryNode): Badge | null {
  switch (node.kind) {
    case 'container': {
      const r = readinessOf(node);
      return { text: r.badge, tone: r.tone, hint: r.nextStep ? `${r.reason} ${r.nextStep}` : r.reason };
    }
    case 'instance': {
      const s = instanceStanding(node);
      return { text: s.text, tone: s.tone, hint: s.reason };
    }
    case 'task':
      // Asked to stop (StopTask, a deployment): it never runs again, whatever its containers are doing meanwhile.
      if (node.desiredStatus === 'STOPPED' && node.lastStatus !== 'STOPPED') return { text: 'stopping', tone: 'muted', hint: `ECS is stopping the task (it is ${node.lastStatus}); it will not run again.` };
      if (node.lastStatus !== 'RUNNING') return { text: node.lastStatus.toLowerCase(), tone: 'muted', hint: `The task is ${node.lastStatus}.` };
      // A running task with exec is the normal case: no badge, so the ones that differ stand out.
      return node.execEnabled ? null : { text: 'exec off', tone: 'warn', hint: 'Running, but ECS Exec is not enabled for this task.' };
    case 'service':
      return { text: `${node.runningCount}/${node.desiredCount}`, tone: node.runningCount < node.desiredCount ? 'warn' : 'muted', hint: `${node.runningCount} of ${counted(node.desiredCount, 'task')} running.` };
    case 'cluster':
      return { text: `${node.runningTasks}`, tone: 'muted', hint: `${counted(node.runningTasks, 'running task')}, ${counted(node.activeServices, 'service')}.` };
    case 'profile':
      if (node.source === 'sandbox') return { text: 'sandbox', tone: 'muted', hint: 'The local emulated AWS account.' };
      return node.isDefault ? { text: 'active', tone: 'ok', hint: 'The profile AWS_PROFILE names (or "default" when it is unset): listed first and opened at start.' } : null;
    case 'region':
      return node.fromEnv ? { text: 'AWS_REGION', tone: 'muted', hint: 'This region comes from AWS_REGION, which (as in the AWS CLI) applies to the AWS_PROFILE or default profile only.' } : null;
  }
}

/** A container's ECS Exec readiness: the one decision behind its badge, menu and the forward dialog. */
export function readinessOf(node: Extract<InventoryNode, { kind: 'container' }>): ExecReadiness {
  return containerReadiness(node);
}

/** What Diagnose runs against: every container and instance, with or without a runtime id. */
export function diagnosisTargetOf(node: InventoryNode): DiagnosisTarget | null {
  if (node.kind === 'instance') return { kind: 'instance', profile: node.profile, region: node.region, instanceId: node.instanceId };
  if (node.kind === 'container') {
    return { kind: 'ecs-container', profile: node.profile, region: node.region, cluster: clusterName(node.clusterArn), taskArn: node.taskArn, containerName: node.name, runtimeId: node.runtimeId };
  }
  return null;
}

/**
 * Why a target is known not to take a shell now (not running, no exec, agent down, SSM lost), or
 * null when it is ready or may be (an agent still starting gets its chance).
 */
export function notReadyReason(node: InventoryNode): string | null {
  return sessionRefusal(node)?.reason ?? null;
}

/** A container or an instance: what a shell, a forward or a transfer can go to. */
export type TargetNode = Extract<InventoryNode, { kind: 'container' | 'instance' }>;

export function isTargetNode(node: InventoryNode): node is TargetNode {
  return node.kind === 'container' || node.kind === 'instance';
}

/**
 * Where a session on this target goes or, for a container ECS reports without a runtime id (which
 * ECS Exec addresses it by), why it has nowhere to go: always one of the two, never neither.
 */
export type SessionAddress = { readonly target: TargetRef; readonly missing: null } | { readonly target: null; readonly missing: ExecNotReady };

export function sessionAddressOf(node: TargetNode): SessionAddress {
  if (node.kind === 'instance') return { target: { kind: 'instance', profile: node.profile, region: node.region, instanceId: node.instanceId }, missing: null };
  if (node.runtimeId === null) return { target: null, missing: readinessWithoutRuntimeId({ containerStatus: node.lastStatus, execEnabled: node.execEnabled, taskDesiredStatus: node.taskDesiredStatus }) };
  const target: TargetRef = { kind: 'ecs-container', profile: node.profile, region: node.region, cluster: clusterName(node.clusterArn), taskArn: node.taskArn, containerName: node.name, runtimeId: node.runtimeId };
  return { target, missing: null };
}

/** What a shell or forward against this node targets; null for nodes that are not targets, or have no address yet. */
export function targetOf(node: InventoryNode): TargetRef | null {
  return isTargetNode(node) ? sessionAddressOf(node).target : null;
}

/** A tab title people recognise: the container and its task's short id, or the instance's name. */
export function titleOf(node: InventoryNode): string {
  if (node.kind === 'container') return `${node.name} · ${shortTaskId(node.taskArn)}`;
  if (node.kind === 'instance') return node.name ?? node.instanceId;
  return node.label;
}

/** The identifier worth copying: an ARN for ECS things, the id for instances; `noun` names it beside the node ("Copy ARN of task …"). */
export function copyableId(node: InventoryNode): { readonly label: string; readonly noun: string; readonly value: string } | null {
  switch (node.kind) {
    case 'cluster':
      return { label: 'Copy cluster ARN', noun: 'ARN', value: node.clusterArn };
    case 'service':
      return { label: 'Copy service ARN', noun: 'ARN', value: node.serviceArn };
    case 'task':
      return { label: 'Copy task ARN', noun: 'ARN', value: node.taskArn };
    case 'container':
      return { label: 'Copy task ARN', noun: 'task ARN', value: node.taskArn };
    case 'instance':
      return { label: 'Copy instance ID', noun: 'ID', value: node.instanceId };
    default:
      return null;
  }
}

/** `family:revision`: the node's own field, or (from hosts older than it) the end of its label. */
export function taskDefinitionOf(node: Extract<InventoryNode, { kind: 'task' }>): string | null {
  if (node.taskDefinition) return node.taskDefinition;
  return node.label.includes(' · ') ? node.label.slice(node.label.indexOf(' · ') + 3) : null;
}

/** `8080`, or `53/udp`: tcp is the common case, so only other protocols are spelled out. */
function portText(p: ContainerPort, long: boolean): string {
  return long || p.protocol !== 'tcp' ? `${p.containerPort}/${p.protocol}` : String(p.containerPort);
}

/** Muted text after the label: a container's ports. */
export function secondaryOf(node: InventoryNode): string | null {
  if (node.kind !== 'container' || !node.ports || node.ports.length === 0) return null;
  return node.ports.map((p) => `:${portText(p, false)}`).join(' ');
}

/** The row's tooltip: a task's full label, the badge's reason, and what the row does not spell out. */
export function tooltipOf(node: InventoryNode): string | undefined {
  const lines: string[] = [];
  if (node.kind === 'instance') lines.push(node.instanceId);
  if (node.kind === 'task') {
    // The row's own text first: a narrow tree cuts "0e1f0011 · work…", and this is where it reads whole.
    lines.push(rowLabel(node));
    const def = taskDefinitionOf(node);
    if (def) lines.push(`Task definition ${def}`);
  }
  if (node.kind === 'container') {
    if (node.image) lines.push(`Image ${node.image}`);
    if (node.ports === null) lines.push('Ports unknown (the task definition could not be read)');
    else if (node.ports !== undefined) lines.push(node.ports.length === 0 ? 'No ports mapped' : `Ports ${node.ports.map((p) => portText(p, true)).join(', ')}`);
  }
  const hint = badgeOf(node)?.hint;
  if (hint) lines.push(hint);
  return lines.length === 0 ? undefined : lines.join('\n');
}

/** Characters of an instance id shown after a Name that two instances share. */
const SAME_NAME_ID_CHARS = 6;

/** Names that more than one instance among these siblings carries (their rows add an id suffix). */
export function sharedNames(siblings: readonly InventoryNode[]): ReadonlySet<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const n of siblings) {
    if (n.kind !== 'instance' || n.name === null) continue;
    if (seen.has(n.name)) shared.add(n.name);
    seen.add(n.name);
  }
  return shared;
}

/**
 * The label shown in the tree: tasks by the end of their id (their shared prefixes say nothing);
 * instances by Name, with the end of the id when a sibling has the same Name.
 */
export function rowLabel(node: InventoryNode, shared: ReadonlySet<string> = new Set()): string {
  if (node.kind === 'task') {
    const family = taskDefinitionOf(node);
    return family ? `${shortTaskId(node.taskArn)} · ${family}` : node.label;
  }
  // The instance id is in the tooltip and the copy action; the name is what people recognise.
  if (node.kind === 'instance' && node.name !== null) return shared.has(node.name) ? `${node.name} · …${node.instanceId.slice(-SAME_NAME_ID_CHARS)}` : node.name;
  return node.label;
}
