// Every action on a tree node, defined once: which nodes offer it, its label, why it cannot run
// now, and what it runs. The tree's context menu, the target details' buttons and the command
// palette (for the selected node) are all built from this table, so they cannot disagree.
import type { InventoryNode } from '../../shared/contract/index.js';
import type { ExecState } from '../../shared/exec-readiness.js';
import { shortTaskId } from '../../shared/format/task-id.js';
import type { AppModel } from '../root/app-model.js';
import { askTransfer, copyText, diagnose, openForward, openShell } from './node-actions.js';
import { copyableId, isTargetNode, notReadyReason, readinessOf, sessionAddressOf, titleOf, type TargetNode } from './node-view.js';
import { removeRegion } from './region-choice.js';

export type NodeActionId = 'openShell' | 'forward' | 'diagnose' | 'upload' | 'download' | 'signIn' | 'addRegion' | 'removeRegion' | 'copyId' | 'refresh';

/** What, beyond the node, decides whether an action can run. */
export interface NodeActionContext {
  /** Why the link to the host is lost (the session store's words), or null while it holds. */
  readonly linkLost: string | null;
}

/**
 * An action on the nodes it offers itself on (N): its label, title, reasons and run take only
 * those. The table holds every action as NodeAction<InventoryNode> (methods compare their
 * parameters both ways, so a NodeAction<TargetNode> is one); callers ask offers() first
 * (nodeActionUnavailable, the menu), or hold a target (the target details, the palette's target).
 */
export interface NodeAction<N extends InventoryNode = InventoryNode> {
  readonly id: NodeActionId;
  /** Its name when the selection does not offer it (the palette lists it disabled under this). */
  readonly generic: string;
  /** Why it cannot run when the selection does not offer it: what to select instead. */
  readonly needs: string;
  /** Whether this node offers it at all (the menu lists only these). */
  offers(node: InventoryNode): boolean;
  /** The menu's and the buttons' label on a node that offers it. */
  label(node: N): string;
  /** A shorter label for the target details' buttons, where room is short. */
  readonly short?: string;
  /** The palette's title, naming the node it acts on ("Copy ARN of task 1a2b3c4d"). */
  title(node: N): string;
  /** Why it cannot run on this node now (one short sentence, no final stop), or null when it can. */
  unavailable(node: N, context: NodeActionContext): string | null;
  /** Advice shown beside an action that can run (why a target may not take a shell). */
  advice?(node: N): string | null;
  run(model: AppModel, node: N): void;
}

const SELECT_TARGET = 'Select a container or instance in the tree first';
const SELECT_PROFILE = 'Select a profile in the tree first';

/** How a palette title names a node: its kind and the name the tree shows. */
export function nodeName(node: InventoryNode): string {
  switch (node.kind) {
    case 'profile':
      return `profile ${node.profile}`;
    case 'region':
      return `region ${node.region} of ${node.profile}`;
    case 'task':
      return `task ${shortTaskId(node.taskArn)}`;
    case 'container':
      return `container ${titleOf(node)}`;
    case 'instance':
      return `instance ${titleOf(node)}`;
    default:
      return `${node.kind} ${node.label}`;
  }
}

/**
 * Readiness states in which a session cannot work whatever is tried: the container is not running,
 * or its task was started without execute command. The other not-ready states (agent down or still
 * starting, no agent) come from reports that may be stale, so their actions stay tryable with advice.
 */
const NO_SESSION_STATES: ReadonlySet<ExecState> = new Set(['not-running', 'not-enabled']);

/** Why a session action cannot run on this target: no runtime id, not running, or exec off; null when it may. */
export function sessionBlocked(node: TargetNode): string | null {
  const missing = sessionAddressOf(node).missing;
  if (missing !== null) return missing.reason;
  if (node.kind !== 'container') return null;
  const r = readinessOf(node);
  return !r.ready && NO_SESSION_STATES.has(r.state) ? r.reason : null;
}

/** A container not ready for ECS Exec: the reason, shown beside its actions (they may still be tried). */
function readinessAdvice(node: TargetNode): string | null {
  if (node.kind !== 'container') return null;
  const r = readinessOf(node);
  return r.ready ? null : r.reason;
}

/**
 * An action on a container or instance that opens a session there: needs the host and a runtime
 * id and a container that is running with exec on; otherwise the readiness sentence the badge and
 * the diagnosis give, so all three say one thing.
 */
function sessionAction(id: NodeActionId, generic: string, label: string, title: (name: string) => string, run: NodeAction<TargetNode>['run']): NodeAction<TargetNode> {
  return {
    id,
    generic,
    needs: SELECT_TARGET,
    offers: isTargetNode,
    label: () => label,
    title: (node) => title(titleOf(node)),
    unavailable: (node, { linkLost }) => linkLost ?? sessionBlocked(node),
    advice: readinessAdvice,
    run,
  };
}

/**
 * Start port forward…: on a target known not to take a session (an instance SSM lost contact with,
 * an agent down) it used to run Diagnose under this label. Disabled with the reason instead;
 * Diagnose is the next item.
 */
const forwardAction: NodeAction<TargetNode> = {
  ...sessionAction('forward', 'Start a port forward to the selected target…', 'Start port forward…', (name) => `Start port forward to ${name}…`, openForward),
  short: 'Forward…',
  unavailable: (node, { linkLost }) => linkLost ?? sessionBlocked(node) ?? notReadyReason(node),
};

const REFRESHABLE: ReadonlySet<InventoryNode['kind']> = new Set(['profile', 'region', 'cluster', 'service', 'task']);

export const NODE_ACTIONS: readonly NodeAction[] = [
  sessionAction('openShell', 'Open a shell on the selected target', 'Open shell', (name) => `Open shell on ${name}`, openShell),
  forwardAction,
  {
    id: 'diagnose',
    generic: 'Diagnose the selected target',
    needs: SELECT_TARGET,
    offers: isTargetNode,
    label: () => 'Diagnose',
    title: (node) => `Diagnose ${titleOf(node)}`,
    // Always offered on a target: one that cannot be opened is exactly when a diagnosis helps.
    unavailable: (_node, { linkLost }) => linkLost,
    run: diagnose,
  },
  sessionAction('upload', 'Upload a file to the selected target…', 'Upload…', (name) => `Upload file to ${name}…`, (model, node) => askTransfer(model, node, 'upload')),
  sessionAction('download', 'Download a file from the selected target…', 'Download…', (name) => `Download file from ${name}…`, (model, node) => askTransfer(model, node, 'download')),
  {
    id: 'signIn',
    generic: 'Sign in with SSO (selected profile)',
    needs: 'Select a profile that uses SSO in the tree first',
    offers: (node) => node.kind === 'profile' && node.sso === true,
    label: () => 'Sign in with SSO',
    title: (node) => `Sign in to ${node.profile} with SSO`,
    unavailable: (_node, { linkLost }) => linkLost,
    run: (model, node) => void model.sso.signIn(node.profile),
  },
  {
    id: 'addRegion',
    generic: 'Add a region to the selected profile…',
    needs: SELECT_PROFILE,
    offers: (node) => node.kind === 'profile',
    label: () => 'Add region…',
    title: (node) => `Add a region to ${node.profile}…`,
    unavailable: (_node, { linkLost }) => linkLost,
    run: (model, node) => model.addRegion.request(node.profile),
  },
  {
    id: 'removeRegion',
    generic: 'Remove the selected region',
    needs: 'Select a region in the tree first',
    offers: (node) => node.kind === 'region',
    label: () => 'Remove region',
    title: (node) => (node.kind === 'region' ? `Remove region ${node.region} from ${node.profile}` : 'Remove region'),
    unavailable: (_node, { linkLost }) => linkLost,
    advice: () => 'Hides it from the tree; Add region… on the profile brings it back',
    run: (model, node) => {
      if (node.kind === 'region') void removeRegion(model, node.profile, node.region);
    },
  },
  {
    id: 'copyId',
    generic: 'Copy the ARN or ID of the selected node',
    needs: 'Select a cluster, service, task, container or instance in the tree first',
    offers: (node) => copyableId(node) !== null,
    label: (node) => copyableId(node)?.label ?? 'Copy',
    title: (node) => `Copy ${copyableId(node)?.noun ?? 'ID'} of ${nodeName(node)}`,
    // The clipboard is this computer's: no host needed.
    unavailable: () => null,
    run: (model, node) => {
      const id = copyableId(node);
      if (id !== null) void copyText(model, id.value, id.label.replace(/^Copy /, ''));
    },
  },
  {
    id: 'refresh',
    generic: 'Refresh the selected node',
    needs: 'Select a profile, region, cluster, service or task in the tree first',
    offers: (node) => REFRESHABLE.has(node.kind),
    label: () => 'Refresh',
    title: (node) => `Refresh ${nodeName(node)}`,
    unavailable: (_node, { linkLost }) => linkLost,
    run: (model, node) => void model.tree.refresh(node.id),
  },
];

export function nodeAction(id: NodeActionId): NodeAction {
  const action = NODE_ACTIONS.find((a) => a.id === id);
  if (action === undefined) throw new Error(`no node action ${id}`);
  return action;
}

/** Why the action cannot run on the selection (null: nothing selected), or null when it can. */
export function nodeActionUnavailable(action: NodeAction, node: InventoryNode | null, context: NodeActionContext): string | null {
  if (node === null || !action.offers(node)) return action.needs;
  return action.unavailable(node, context);
}

/** Runs the action when it can run on this node; false (and nothing run) when it cannot. */
export function runNodeAction(model: AppModel, action: NodeAction, node: InventoryNode | null): boolean {
  if (node === null || nodeActionUnavailable(action, node, { linkLost: model.sessions.state.linkLost }) !== null) return false;
  action.run(model, node);
  return true;
}
