// Contract forwards ↔ the forward manager's shapes.
import { ForwardSpecSchema, type ConnectionErrors, type ForwardInfo, type ForwardSpec, type ForwardState, type ForwardStats, type PlainError, type TargetRef } from '../../../shared/contract/index.js';
import { arnTail } from '../../aws/discovery/types.js';
import { FORWARDS, type ForwardSpec as ManagerSpec, type ForwardState as ManagerState, type ForwardStatus } from '../../sessions/forwards/index.js';
import type { PortTarget } from '../../sessions/forwards/types.js';
import { FORWARD_FAILED_NEXT_STEP, FORWARD_GAVE_UP, FORWARD_RESTART_AFTER, forwardGaveUpText, localBindNextStep } from '../../../shared/messages/forwards.js';
import { PORT, targetId } from '../../ssm/port/index.js';

export function portTarget(target: TargetRef): PortTarget {
  return target.kind === 'instance'
    ? { kind: 'instance', instanceId: target.instanceId }
    : { kind: 'ecs', cluster: arnTail(target.cluster), taskId: arnTail(target.taskArn), runtimeId: target.runtimeId };
}

/** The target as people know it: the tree's name saved with the forward, else the container's name or the instance's id. */
export function targetNameOf(spec: ForwardSpec): string {
  return spec.targetLabel?.name ?? (spec.target.kind === 'instance' ? spec.target.instanceId : spec.target.containerName);
}

/** Which target a manager spec's sessions start on: profile, region and the SSM target. */
export function sessionTargetKey(spec: ManagerSpec): string {
  return `${spec.profile ?? ''}|${spec.region ?? ''}|${targetId(spec.target)}`;
}

export function managerSpec(spec: ForwardSpec): ManagerSpec {
  return {
    target: portTarget(spec.target),
    profile: spec.target.profile,
    region: spec.target.region,
    remotePort: spec.remotePort,
    ...(spec.remoteHost === undefined ? {} : { remoteHost: spec.remoteHost }),
    localAddress: spec.bindAddress,
    localPort: spec.localPort === 'auto' ? 0 : spec.localPort,
    ...(spec.name === undefined ? {} : { name: spec.name }),
    autoRestart: spec.autoRestart,
    ...(spec.follow === undefined ? {} : { follow: { service: spec.follow.service } }),
  };
}

/**
 * The contract target of a saved manager spec. `saved` is the target as the tree gave it (kept in
 * the details file); without it, an ECS container's name is unknown and its runtime id stands in.
 */
function contractTarget(spec: ManagerSpec, saved: TargetRef | undefined): TargetRef | null {
  if (saved !== undefined) return saved;
  if (spec.profile === undefined || spec.region === undefined) return null;
  const t = spec.target;
  return t.kind === 'instance'
    ? { kind: 'instance', profile: spec.profile, region: spec.region, instanceId: t.instanceId }
    : { kind: 'ecs-container', profile: spec.profile, region: spec.region, cluster: t.cluster, taskArn: t.taskId, containerName: t.runtimeId, runtimeId: t.runtimeId };
}

/** A saved manager spec back in contract terms; null when it names no profile and region (not written by this app). */
export function contractSpec(spec: ManagerSpec, savedTarget?: TargetRef): ForwardSpec | null {
  const target = contractTarget(spec, savedTarget);
  if (target === null) return null;
  const parsed = ForwardSpecSchema.safeParse({
    target,
    remotePort: spec.remotePort,
    ...(spec.remoteHost === undefined ? {} : { remoteHost: spec.remoteHost }),
    localPort: spec.localPort ? spec.localPort : 'auto',
    ...(spec.localAddress === undefined ? {} : { bindAddress: spec.localAddress }),
    ...(spec.name === undefined ? {} : { name: spec.name }),
    autoRestart: spec.autoRestart ?? false,
  });
  return parsed.success ? parsed.data : null;
}

const STATE: Readonly<Record<ManagerState, ForwardState>> = {
  starting: 'starting',
  active: 'listening',
  reconnecting: 'reconnecting',
  // Between automatic restarts the listener stays bound: to the panel it is reconnecting.
  restarting: 'reconnecting',
  stopped: 'stopped',
  failed: 'failed',
};

/**
 * The forward's own error. Its next step is the failed call's own advice (fitted to a container or
 * an instance) when it gave one, so the row never adds a second, generic one that says otherwise;
 * a listener that could not bind gets advice about this computer's port or address.
 */
export function plainError(status: Pick<ForwardStatus, 'state' | 'lastError' | 'lastErrorNextStep' | 'lastBindProblem'> & Partial<Pick<ForwardStatus, 'gaveUp' | 'lastBindHeldByForward'>>): PlainError | null {
  if (status.lastError === undefined) return null;
  // This computer's problem (its port taken, not allowed): the target is fine, diagnosing it would mislead.
  if (status.lastBindProblem !== undefined) return { message: status.lastError, nextStep: localBindNextStep(status.lastBindProblem, 'row', status.lastBindHeldByForward === true) };
  const advice = status.lastErrorNextStep;
  if (status.state !== 'failed') return advice === undefined ? { message: status.lastError } : { message: status.lastError, nextStep: advice };
  const next = advice === undefined ? FORWARD_FAILED_NEXT_STEP : `${advice} ${FORWARD_RESTART_AFTER}`;
  if (status.gaveUp === undefined) return { message: status.lastError, nextStep: next };
  // The target is gone for good (a stopped task): its reason says what to do; diagnosing or starting it again would not help.
  if (status.gaveUp === 'target-gone') return { message: `${FORWARD_GAVE_UP} ${status.lastError}` };
  // Auto-restart was on and stopped: the row's first words say so (a long AWS sentence cuts what follows), then why it will not retry.
  const why = forwardGaveUpText(status.gaveUp, Math.round(FORWARDS.RESTART_MAY_HEAL_GIVE_UP_MS / 60_000));
  return { message: `${FORWARD_GAVE_UP} ${status.lastError}`, nextStep: `${why} ${next}` };
}

/** The port actually listening, null while nothing listens. */
function listeningPort(status: ForwardStatus): number | null {
  if (status.state === 'stopped' || status.state === 'failed') return null;
  return status.localPort !== undefined && status.localPort > 0 ? status.localPort : null;
}

/** The agent's refusal text becomes a kind the panel words itself (it knows the target's name). */
export function connectionErrors(status: ForwardStatus): ConnectionErrors {
  const last = status.lastConnectionError;
  if (last === undefined) return { count: status.connectionErrors, last: null };
  const kind = last.reason === PORT.CONNECT_ERROR_TEXT ? 'nothing-listening' : 'other';
  return { count: status.connectionErrors, last: { kind, reason: last.reason, at: last.at } };
}

/** Where the forward listens when started (again): the port it was last bound to, or its fixed one; null before an automatic port was ever bound. */
function lastPort(status: ForwardStatus): number | null {
  return status.localPort !== undefined && status.localPort > 0 ? status.localPort : null;
}

export function forwardInfo(id: string, spec: ForwardSpec, status: ForwardStatus): ForwardInfo {
  const info: ForwardInfo = { id, spec, localPort: listeningPort(status), lastLocalPort: lastPort(status), state: STATE[status.state], error: plainError(status), connectionErrors: connectionErrors(status) };
  return {
    ...info,
    ...(status.lastBindProblem === undefined ? {} : { localBindProblem: status.lastBindProblem }),
    ...(status.helperWait === undefined ? {} : { helperWait: status.helperWait }),
  };
}

export function forwardStats(id: string, status: ForwardStatus): ForwardStats {
  return {
    id,
    state: STATE[status.state],
    connections: status.connections.length,
    bytesUp: status.bytesToRemote,
    bytesDown: status.bytesFromRemote,
    rateUp: status.bytesPerSecondToRemote,
    rateDown: status.bytesPerSecondFromRemote,
    error: plainError(status),
    connectionErrors: connectionErrors(status),
  };
}
