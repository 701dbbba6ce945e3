// Whether an ECS container can take an ECS Exec session now, and why not: the one decision the
// tree's badge, its menu, the forward dialog and the diagnostics all show, so they never disagree.
// Pure (no DOM, no Node): main/aws/diagnostics and renderer/ both import it.

export type ExecState = 'ready' | 'not-running' | 'not-enabled' | 'no-runtime-id' | 'no-agent' | 'agent-starting' | 'agent-down';

export interface ExecFacts {
  /** The container's lastStatus (RUNNING, PENDING, STOPPED…). */
  readonly containerStatus: string;
  /** The task's enableExecuteCommand; undefined when not known. */
  readonly execEnabled: boolean | undefined;
  /** The task's desiredStatus; STOPPED while ECS stops it (its containers may still run). Undefined when not known. */
  readonly taskDesiredStatus?: string | undefined;
  /** Docker runtime id; ECS Exec's target needs it. */
  readonly runtimeId: string | null;
  /** managedAgents[ExecuteCommandAgent].lastStatus; null when ECS reports no such agent. */
  readonly agentStatus: string | null;
  /** The agent's reason, when ECS gives one (for a stopped agent). */
  readonly agentReason?: string | null;
}

interface ExecReadinessBase {
  /** Short text for the tree's badge. */
  readonly badge: string;
  readonly tone: 'ok' | 'warn' | 'fail' | 'muted';
  /** Why, in one sentence. */
  readonly reason: string;
  /** What to do; empty when ready. */
  readonly nextStep: string;
  /**
   * What to do, said inside Diagnose's own findings: nextStep without "Run Diagnose…", which sent
   * someone reading the diagnosis back to the diagnosis they were reading.
   */
  readonly nextStepInDiagnosis: string;
}

export interface ExecReady extends ExecReadinessBase {
  readonly state: 'ready';
  readonly ready: true;
}

export interface ExecNotReady extends ExecReadinessBase {
  readonly state: Exclude<ExecState, 'ready'>;
  readonly ready: false;
}

export type ExecReadiness = ExecReady | ExecNotReady;

const ENABLE_EXEC = 'Enable it on the service with aws ecs update-service --enable-execute-command --force-new-deployment (this replaces the tasks), or run a new task with --enable-execute-command.';
const DIAGNOSE = 'Run Diagnose on the container for the cause.';
const NO_RUNTIME_ID_STEP = 'Refresh in a few seconds; if it stays that way, the ECS agent on the host is not reporting the container.';
const AGENT_DOWN_STEP = 'Usually the task role lacks ssmmessages permissions or there is no network path to ssmmessages.';

/**
 * Both steps are whole sentences, written out by each reason: `nextStep` is said in the tree's
 * details and a forward's refusal; `nextStepInDiagnosis` inside Diagnose (the same when the step
 * never mentions Diagnose). Never pieced together from fragments, whose punctuation broke.
 */
const r = (state: ExecNotReady['state'], badge: string, tone: ExecReadiness['tone'], reason: string, nextStep: string, nextStepInDiagnosis: string = nextStep): ExecNotReady => ({
  state,
  ready: false,
  badge,
  tone,
  reason,
  nextStep,
  nextStepInDiagnosis,
});
const READY: ExecReady = { state: 'ready', ready: true, badge: 'exec ready', tone: 'ok', reason: 'The ECS Exec agent is running: a shell can be opened.', nextStep: '', nextStepInDiagnosis: '' };

/** Not running, its task stopping, or started without exec: said before anything about the runtime id or the agent. */
function notStarted(f: Pick<ExecFacts, 'containerStatus' | 'execEnabled' | 'taskDesiredStatus'>): ExecNotReady | null {
  if (f.containerStatus !== 'RUNNING') {
    return r('not-running', f.containerStatus.toLowerCase(), 'muted', `The container is ${f.containerStatus}; only running containers accept ECS Exec sessions.`, 'Wait for it to start, or open a running task.');
  }
  // Still running through its stop's SIGTERM phase: the task will not run again, so no new session.
  if (f.taskDesiredStatus === 'STOPPED') {
    return r('not-running', 'stopping', 'muted', 'ECS is stopping this container\'s task; a stopping task accepts no new ECS Exec sessions.', 'Open a running task.');
  }
  if (f.execEnabled === false) return r('not-enabled', 'no exec', 'muted', 'ECS Exec is not enabled for this task: it was started without execute command.', ENABLE_EXEC);
  return null;
}

/**
 * A container ECS reports without a runtime id: never ready, since ECS Exec addresses a container
 * by it. Its own function so the type says so (a session action needs no reason of its own).
 */
export function readinessWithoutRuntimeId(f: Pick<ExecFacts, 'containerStatus' | 'execEnabled' | 'taskDesiredStatus'>): ExecNotReady {
  return (
    notStarted(f) ??
    r('no-runtime-id', 'no runtime id', 'warn', 'ECS reports this container RUNNING but without a runtime id, so ECS Exec cannot address it yet.', `${NO_RUNTIME_ID_STEP} ${DIAGNOSE}`, NO_RUNTIME_ID_STEP)
  );
}

export function execReadiness(f: ExecFacts): ExecReadiness {
  if (f.runtimeId === null) return readinessWithoutRuntimeId(f);
  const blocked = notStarted(f);
  if (blocked !== null) return blocked;
  if (f.agentStatus === null) {
    return f.execEnabled === undefined
      ? r('not-enabled', 'no exec', 'muted', 'ECS Exec is not enabled for this task: it was started without execute command.', ENABLE_EXEC)
      : r('no-agent', 'no agent', 'fail', 'Execute command is enabled, but ECS reports no exec agent for this container.', 'Start a new task; if new tasks show the same, run Diagnose on the container for the cause.', 'Start a new task; if new tasks show the same, check the task role\'s ssmmessages permissions and the network path to ssmmessages.');
  }
  if (f.agentStatus === 'RUNNING') return READY;
  if (f.agentStatus === 'PENDING') return r('agent-starting', 'agent starting', 'warn', 'The ECS Exec agent is still starting.', 'Wait a few seconds and try again.');
  const why = f.agentReason ? `: ${f.agentReason}` : '.';
  return r('agent-down', 'agent down', 'fail', `The ECS Exec agent is ${f.agentStatus.toLowerCase()}${why}`, `${AGENT_DOWN_STEP} ${DIAGNOSE}`, AGENT_DOWN_STEP);
}
