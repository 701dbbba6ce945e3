// Contract forwards ↔ the forward manager's shapes.
import type { ForwardInfo, ForwardSpec, ForwardState, ForwardStats, PlainError, TargetRef } from '../../../shared/contract/index.js';
import { arnTail } from '../../aws/discovery/types.js';
import type { ForwardSpec as ManagerSpec, ForwardState as ManagerState, ForwardStatus } from '../../sessions/forwards/index.js';
import type { PortTarget } from '../../sessions/forwards/types.js';

export function portTarget(target: TargetRef): PortTarget {
  return target.kind === 'instance'
    ? { kind: 'instance', instanceId: target.instanceId }
    : { kind: 'ecs', cluster: arnTail(target.cluster), taskId: arnTail(target.taskArn), runtimeId: target.runtimeId };
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
  };
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

function plainError(status: ForwardStatus): PlainError | null {
  if (status.lastError === undefined) return null;
  return status.state === 'failed' ? { message: status.lastError, nextStep: 'Check the target with diagnostics, then restart the forward.' } : { message: status.lastError };
}

/** The port actually listening, null while nothing listens. */
function listeningPort(status: ForwardStatus): number | null {
  if (status.state === 'stopped' || status.state === 'failed') return null;
  return status.localPort !== undefined && status.localPort > 0 ? status.localPort : null;
}

export function forwardInfo(id: string, spec: ForwardSpec, status: ForwardStatus): ForwardInfo {
  return { id, spec, localPort: listeningPort(status), state: STATE[status.state], error: plainError(status) };
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
  };
}
