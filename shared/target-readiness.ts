// Whether a target (a container or an instance) can take a session now, and the words for a
// session refused on one that cannot: the tree's Enter, the forward form and main's forwards
// service all decide with sessionRefusal, so a refusal reads the same wherever it is made.
// Pure (no DOM, no Node): renderer/ and main/ both import it.
import type { InventoryNode } from './contract/inventory.js';
import { execReadiness, type ExecReadiness } from './exec-readiness.js';

type ContainerNode = Extract<InventoryNode, { kind: 'container' }>;
type InstanceNode = Extract<InventoryNode, { kind: 'instance' }>;

/** An instance's SSM standing: its badge, tone and why (the tree's badge and tooltip). */
export interface InstanceStanding {
  readonly text: string;
  readonly tone: 'ok' | 'warn' | 'fail' | 'muted';
  readonly reason: string;
}

/**
 * EC2 instance states in which no session can reach it. Only these are muted: discovery also
 * sets 'managed' (hybrid mi- nodes, which EC2 does not know) and 'unknown' (EC2 DescribeInstances
 * denied or failed), and those nodes are still reachable, so SSM's ping status decides for them.
 */
const EC2_NOT_RUNNING: ReadonlySet<string> = new Set(['pending', 'stopping', 'stopped', 'shutting-down', 'terminated']);

export function instanceStanding(node: InstanceNode): InstanceStanding {
  if (EC2_NOT_RUNNING.has(node.state)) return { text: node.state, tone: 'muted', reason: `The instance is ${node.state}.` };
  if (node.pingStatus === 'Online') return { text: 'online', tone: 'ok', reason: 'The SSM agent is online.' };
  if (node.pingStatus === 'ConnectionLost') return { text: 'lost', tone: 'fail', reason: 'The SSM agent lost contact with AWS.' };
  if (node.pingStatus === null) return { text: 'no SSM', tone: 'muted', reason: 'SSM does not know this instance (no agent or no instance role).' };
  return { text: String(node.pingStatus).toLowerCase(), tone: 'warn', reason: `SSM reports ${String(node.pingStatus)}.` };
}

/** Why a target cannot take a session now, and what to do about it. */
export interface SessionRefusal {
  readonly reason: string;
  readonly nextStep: string;
}

const DIAGNOSE_INSTANCE = 'Run Diagnose on the instance for the cause.';

/** A container's ECS Exec readiness from its node: the one decision behind its badge, menu and refusals. */
export function containerReadiness(node: ContainerNode): ExecReadiness {
  return execReadiness({ containerStatus: node.lastStatus, execEnabled: node.execEnabled, taskDesiredStatus: node.taskDesiredStatus, runtimeId: node.runtimeId, agentStatus: node.execAgentStatus });
}

/**
 * Why this target is known not to take a session now (not running, no exec, agent down, SSM
 * lost), or null when it is ready or may be: an agent still starting gets its chance, and an
 * instance SSM reports in a state it only warns of is tried.
 */
export function sessionRefusal(node: InventoryNode): SessionRefusal | null {
  if (node.kind === 'container') {
    const r = containerReadiness(node);
    return r.ready || r.state === 'agent-starting' ? null : { reason: r.reason, nextStep: r.nextStep };
  }
  if (node.kind !== 'instance') return null;
  const standing = instanceStanding(node);
  return standing.tone === 'fail' || standing.tone === 'muted' ? { reason: standing.reason, nextStep: DIAGNOSE_INSTANCE } : null;
}

/** A forward refused on a target that cannot take a session: "app cannot take a session now: …". */
export function forwardRefusedText(targetName: string, refusal: SessionRefusal): string {
  return `Not started: ${targetName} cannot take a session now. ${refusal.reason}`;
}
