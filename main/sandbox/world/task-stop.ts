/**
 * How ECS stops a task after StopTask, in the sandbox's time. On AWS (ECS developer guide, "Amazon
 * ECS task lifecycle" and StopTask in the API reference) StopTask answers at once with
 * desiredStatus STOPPED and the task still RUNNING; ECS first takes the task out of service
 * (lastStatus DEACTIVATING: load-balancer targets deregistered, service discovery instances
 * removed), then sends each container SIGTERM (lastStatus STOPPING), SIGKILLs any still running after the container's stop timeout (30 s by
 * default), records executionStoppedAt when they are down, detaches an awsvpc task's network
 * interface (DEPROVISIONING) and only then reports the task STOPPED, with stoppedAt. The sandbox
 * keeps those steps and their order and shortens them (TASK_STOPPING).
 */
import type { TaskSpec } from './schema.js';

export interface TaskStopTimings {
  /** From StopTask until ECS sends the containers SIGTERM (lastStatus DEACTIVATING, every container still RUNNING). */
  deactivateMs: number;
  /** From SIGTERM until a container that honours SIGTERM has exited (lastStatus STOPPING, the container still RUNNING). */
  containersExitMs: number;
  /**
   * The stop timeout of a container whose definition gives none: from SIGTERM until ECS SIGKILLs a
   * container still running (one that ignores SIGTERM). The task stays STOPPING, and that
   * container and its sessions run on, until then.
   */
  stopTimeoutMs: number;
  /** From the last container's exit until STOPPED, for an awsvpc task (DEPROVISIONING); other network modes have no interface to detach. */
  deprovisionMs: number;
}

/**
 * The sandbox's stop, shortened from AWS's tens of seconds (a deregistration delay, a stop timeout
 * of up to 30 s, then the interface detached). 0.5 s of DEACTIVATING: a task with no load balancer
 * has little to deregister, yet DescribeTasks right after StopTask sees the phase as on AWS. 1 s for the containers: an app that honours SIGTERM is gone within about
 * that. 2 s of deprovisioning: long enough that DescribeTasks soon after StopTask, and Porthole's
 * forward auto-restart asking ECS half a second after its session ended
 * (FORWARDS.RESTART_INITIAL_DELAY_MS), see the task still stopping as they would on AWS; short
 * enough that `aws ecs wait tasks-stopped` (a look every 6 s) is done on its second look. 3 s of
 * stop timeout (ECS's default is 30 s) for a container that ignores SIGTERM: it runs on through
 * the SIGTERM phase, visibly longer than one that honours it, and is SIGKILLed before that second
 * look (0.5 s + 3 s + 2 s of deprovisioning).
 */
export const TASK_STOPPING: Readonly<TaskStopTimings> = { deactivateMs: 500, containersExitMs: 1000, stopTimeoutMs: 3000, deprovisionMs: 2000 };

/**
 * Container exit codes after ECS stops a task: 128 + the signal. SIGTERM (15) ends a process that
 * keeps its default handling; a container whose PID 1 is the app itself ignores SIGTERM unless it
 * handles it (the kernel gives a namespace's init no default signal actions), so ECS SIGKILLs (9)
 * it after the stop timeout. With initProcessEnabled, ECS runs an init as PID 1 that passes
 * SIGTERM on to the app and exits with its status.
 */
export const STOP_EXIT_CODES = { sigterm: 143, sigkill: 137 } as const;

/** Stop codes for which ECS itself stopped the containers (SIGTERM, then SIGKILL), as opposed to an essential container exiting or a task that never started. */
const SIGNALLED_STOP_CODES: ReadonlySet<string> = new Set(['UserInitiated', 'ServiceSchedulerInitiated', 'SpotInterruption', 'TerminationNotice']);

/** The exit code ECS reports for a container of a stopped task: SIGTERM's or SIGKILL's when ECS stopped it, else 0 (what the sandbox always said). */
export function stoppedExitCode(stopCode: TaskSpec['stopCode'], initProcessEnabled: boolean): number {
  if (stopCode === undefined || !SIGNALLED_STOP_CODES.has(stopCode)) return 0;
  return initProcessEnabled ? STOP_EXIT_CODES.sigterm : STOP_EXIT_CODES.sigkill;
}

/** How a container of the stopping task takes SIGTERM. */
export interface StoppingContainer {
  readonly name: string;
  /** With ECS's init (initProcessEnabled) SIGTERM reaches the app and ends it; an app that is PID 1 itself ignores it. */
  readonly honoursSigterm: boolean;
  /** Its definition's stopTimeout in ms; undefined: TaskStopTimings.stopTimeoutMs. */
  readonly stopTimeoutMs?: number;
  /** Set for a container that exited by itself (an essential one whose exit stops the task): it takes no signal. */
  readonly exited?: ContainerExit;
}

/** When (epoch ms) a container exits during a stop, and its exit code. */
export interface ContainerExit {
  readonly at: number;
  readonly exitCode: number;
}

/** SIGTERM (at `sigtermAt`) ends a container that honours it unless its stop timeout comes first; any other is SIGKILLed at its stop timeout. */
function containerExit(sigtermAt: number, timings: TaskStopTimings, c: StoppingContainer): ContainerExit {
  if (c.exited) return c.exited;
  const killAt = sigtermAt + (c.stopTimeoutMs ?? timings.stopTimeoutMs);
  const termAt = sigtermAt + timings.containersExitMs;
  return c.honoursSigterm && termAt <= killAt ? { at: termAt, exitCode: STOP_EXIT_CODES.sigterm } : { at: killAt, exitCode: STOP_EXIT_CODES.sigkill };
}

/** One StopTask's stop: why, and when (epoch ms) each step happens. */
export interface TaskStop {
  readonly stoppedReason: string;
  readonly stopCode: NonNullable<TaskSpec['stopCode']>;
  /** StopTask's call: desiredStatus STOPPED from then, lastStatus DEACTIVATING right after. */
  readonly stoppingAt: number;
  /** ECS sends the containers SIGTERM: lastStatus STOPPING from then. */
  readonly sigtermAt: number;
  /** Each container's exit (STOPPED, with its exit code): its exec agent and sessions go with it. */
  readonly containerExits: ReadonlyMap<string, ContainerExit>;
  /** The last container is down. */
  readonly executionStoppedAt: number;
  /** lastStatus STOPPED. */
  readonly stoppedAt: number;
  /** Whether the time between the two is DEPROVISIONING (awsvpc) or still STOPPING. */
  readonly deprovisions: boolean;
}

/** The stop of a task whose containers are `containers` (none given: every container exits after containersExitMs). */
export function planStop(now: number, timings: TaskStopTimings, awsvpc: boolean, why: Pick<TaskStop, 'stoppedReason' | 'stopCode'>, containers: readonly StoppingContainer[] = []): TaskStop {
  const sigtermAt = now + timings.deactivateMs;
  const containerExits = new Map(containers.map((c) => [c.name, containerExit(sigtermAt, timings, c)] as const));
  const executionStoppedAt = containers.length === 0 ? sigtermAt + timings.containersExitMs : Math.max(...[...containerExits.values()].map((e) => e.at));
  return { ...why, stoppingAt: now, sigtermAt, containerExits, executionStoppedAt, stoppedAt: executionStoppedAt + (awsvpc ? timings.deprovisionMs : 0), deprovisions: awsvpc };
}

/**
 * The task's lastStatus at `now`: DEACTIVATING from StopTask's instant on (a DescribeTasks in the
 * same millisecond included), STOPPING from SIGTERM, then DEPROVISIONING, STOPPED. A phase given no
 * time is skipped. StopTask's own answer, RUNNING with desiredStatus STOPPED as on AWS, is that
 * call's view (stop-task.ts), not a phase of the stop.
 */
export function stopPhase(stop: TaskStop, now: number): TaskSpec['lastStatus'] {
  if (now >= stop.stoppedAt) return 'STOPPED';
  if (now >= stop.executionStoppedAt) return stop.deprovisions ? 'DEPROVISIONING' : 'STOPPING';
  if (now < stop.stoppingAt) return 'RUNNING';
  return now < stop.sigtermAt ? 'DEACTIVATING' : 'STOPPING';
}
