// Whether an ECS container can take an ECS Exec session now, and why not: the one decision the
// tree's badge, its menu, the forward dialog and the diagnostics all show, so they never disagree.
// Pure (no DOM, no Node): main/aws/diagnostics and renderer/ both import it.

export type ExecState = 'ready' | 'not-running' | 'not-enabled' | 'no-runtime-id' | 'no-agent' | 'agent-starting' | 'agent-down';

export interface ExecFacts {
  /** The container's lastStatus (RUNNING, PENDING, STOPPED…). */
  readonly containerStatus: string;
  /** The task's enableExecuteCommand; undefined when not known. */
  readonly execEnabled: boolean | undefined;
  /** Docker runtime id; ECS Exec's target needs it. */
  readonly runtimeId: string | null;
  /** managedAgents[ExecuteCommandAgent].lastStatus; null when ECS reports no such agent. */
  readonly agentStatus: string | null;
  /** The agent's reason, when ECS gives one (for a stopped agent). */
  readonly agentReason?: string | null;
}

export interface ExecReadiness {
  readonly state: ExecState;
  readonly ready: boolean;
  /** Short text for the tree's badge. */
  readonly badge: string;
  readonly tone: 'ok' | 'warn' | 'fail' | 'muted';
  /** Why, in one sentence. */
  readonly reason: string;
  /** What to do; empty when ready. */
  readonly nextStep: string;
}

const ENABLE_EXEC = 'Enable it on the service with aws ecs update-service --enable-execute-command --force-new-deployment (this replaces the tasks), or run a new task with --enable-execute-command.';
const DIAGNOSE = 'Run Diagnose on the container for the cause.';

export function execReadiness(f: ExecFacts): ExecReadiness {
  const r = (state: ExecState, badge: string, tone: ExecReadiness['tone'], reason: string, nextStep: string): ExecReadiness => ({ state, ready: state === 'ready', badge, tone, reason, nextStep });
  if (f.containerStatus !== 'RUNNING') {
    return r('not-running', f.containerStatus.toLowerCase(), 'muted', `The container is ${f.containerStatus}; only running containers accept ECS Exec sessions.`, 'Wait for it to start, or open a running task.');
  }
  if (f.execEnabled === false) return r('not-enabled', 'no exec', 'muted', 'ECS Exec is not enabled for this task: it was started without execute command.', ENABLE_EXEC);
  if (f.runtimeId === null) {
    return r('no-runtime-id', 'no runtime id', 'warn', 'ECS reports this container RUNNING but without a runtime id, so ECS Exec cannot address it yet.', `Refresh in a few seconds; if it stays that way, the ECS agent on the host is not reporting the container. ${DIAGNOSE}`);
  }
  if (f.agentStatus === null) {
    return f.execEnabled === undefined
      ? r('not-enabled', 'no exec', 'muted', 'ECS Exec is not enabled for this task: it was started without execute command.', ENABLE_EXEC)
      : r('no-agent', 'no agent', 'fail', 'Execute command is enabled, but ECS reports no exec agent for this container.', `Start a new task; if new tasks show the same, ${DIAGNOSE.toLowerCase()}`);
  }
  if (f.agentStatus === 'RUNNING') return r('ready', 'exec ready', 'ok', 'The ECS Exec agent is running: a shell can be opened.', '');
  if (f.agentStatus === 'PENDING') return r('agent-starting', 'agent starting', 'warn', 'The ECS Exec agent is still starting.', 'Wait a few seconds and try again.');
  const why = f.agentReason ? `: ${f.agentReason}` : '.';
  return r('agent-down', 'agent down', 'fail', `The ECS Exec agent is ${f.agentStatus.toLowerCase()}${why}`, `Usually the task role lacks ssmmessages permissions or there is no network path to ssmmessages. ${DIAGNOSE}`);
}
