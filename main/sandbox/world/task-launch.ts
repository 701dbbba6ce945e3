/**
 * How ECS starts a task the service scheduler launched, in the sandbox's time. On AWS (ECS
 * developer guide, "Amazon ECS task lifecycle") a new task is PROVISIONING while an awsvpc task's
 * network interface is attached, PENDING while its images are pulled and containers created,
 * ACTIVATING while it is registered with its load balancer and service discovery, and RUNNING
 * last; desiredStatus is RUNNING throughout. The sandbox keeps those steps and their order and
 * shortens them (TASK_LAUNCHING).
 */
import type { TaskSpec } from './schema.js';

export interface TaskLaunchTimings {
  /** PROVISIONING: the network interface attached (awsvpc tasks only; other modes start PENDING). */
  provisionMs: number;
  /** PENDING: images pulled, containers created and started. */
  pendingMs: number;
  /** ACTIVATING: registered with the load balancer and service discovery. */
  activateMs: number;
}

/**
 * Shortened from AWS's tens of seconds (an image pull alone often takes that): half a second each
 * for the interface and the registrations, a second for the pull, so a tree refreshed during a
 * replacement sees it starting, and a test that lengthens one step sees that step for as long as it
 * looks, while the demo's replacement is RUNNING two seconds after it appears.
 */
export const TASK_LAUNCHING: Readonly<TaskLaunchTimings> = { provisionMs: 500, pendingMs: 1000, activateMs: 500 };

/** When (epoch ms) each step of one launch begins. */
export interface TaskLaunch {
  /** The scheduler created the task (createdAt). */
  readonly createdAt: number;
  /** The interface is attached: PENDING from then. */
  readonly pendingAt: number;
  /** The containers run (pullStartedAt..pullStoppedAt before it): ACTIVATING from then. */
  readonly activatingAt: number;
  /** RUNNING, with startedAt. */
  readonly runningAt: number;
}

export function planLaunch(now: number, timings: TaskLaunchTimings, awsvpc: boolean): TaskLaunch {
  const pendingAt = now + (awsvpc ? timings.provisionMs : 0);
  const activatingAt = pendingAt + timings.pendingMs;
  return { createdAt: now, pendingAt, activatingAt, runningAt: activatingAt + timings.activateMs };
}

/** The launched task's lastStatus at `now` (a step given no time is skipped). */
export function launchPhase(launch: TaskLaunch, now: number): TaskSpec['lastStatus'] {
  if (now >= launch.runningAt) return 'RUNNING';
  if (now >= launch.activatingAt) return 'ACTIVATING';
  return now >= launch.pendingAt ? 'PENDING' : 'PROVISIONING';
}
