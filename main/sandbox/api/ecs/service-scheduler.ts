/**
 * ECS's service scheduler, as far as the sandbox needs it: it keeps the number of a service's tasks
 * that are meant to run (desiredStatus RUNNING) at its desiredCount. A task stopped under it
 * (StopTask, or its essential container exiting) is replaced, a little later, by a new task with a
 * new id that goes PROVISIONING, PENDING, ACTIVATING and RUNNING (world/task-launch.ts); a
 * desiredCount raised by UpdateService starts tasks, one lowered stops the newest ones
 * (ServiceSchedulerInitiated). Each action is a service event in ECS's words. A world whose counts
 * disagree when loaded is left as it says until something asks the scheduler to look.
 */
import { randomBytes } from 'node:crypto';
import type { ClusterEntry, TaskEntry } from '../../world/model.js';
import type { ContainerSpec, TaskDefinitionSpec, TaskSpec } from '../../world/schema.js';
import type { ServiceEntry } from '../../world/service-entry.js';
import { planLaunch } from '../../world/task-launch.js';
import { beginStop, meantToRun, type TaskScope } from './task-stopper.js';

export interface ServiceSchedulingTimings {
  /** From the moment a service is short of (or over) its desiredCount until its scheduler starts (or stops) tasks. */
  reconcileDelayMs: number;
}

/**
 * On AWS the scheduler replaces a stopped task within seconds to a minute, so a tree refreshed
 * just after a stop sees the service a task short. 1.5 s keeps that gap visible in the sandbox
 * (longer than the stop's DEACTIVATING, TASK_STOPPING) while a demo's replacement is running a few
 * seconds after the stop.
 */
export const SERVICE_SCHEDULING: Readonly<ServiceSchedulingTimings> = { reconcileDelayMs: 1500 };

/** ECS's service event for tasks the scheduler started, e.g. "(service web) has started 1 tasks: (task 0123…)." */
export function startedEvent(service: string, taskIds: readonly string[]): string {
  return `(service ${service}) has started ${taskIds.length} tasks: ${taskIds.map((id) => `(task ${id})`).join(' ')}.`;
}

/** ECS's service event for tasks the scheduler stopped. */
export function stoppedEvent(service: string, taskIds: readonly string[]): string {
  return `(service ${service}) has stopped ${taskIds.length} running tasks: ${taskIds.map((id) => `(task ${id})`).join(' ')}.`;
}

/** ECS's service event once running tasks match desiredCount. */
export function steadyEvent(service: string): string {
  return `(service ${service}) has reached a steady state.`;
}

/** The service's tasks ECS still means to run (a task stopping no longer counts: its replacement is due). */
function activeTasks(cluster: ClusterEntry, service: ServiceEntry): TaskEntry[] {
  return cluster.tasks.filter((t) => t.spec.service === service.name && meantToRun(t));
}

/**
 * A new task of the service: its containers as its latest task declared them (ports, exec agent),
 * or, for a service with no task yet, one per container definition (its container ports serving
 * HTTP); a fresh id, runtime ids derived from it.
 */
function newTaskSpec(cluster: ClusterEntry, service: ServiceEntry, def: TaskDefinitionSpec | undefined): TaskSpec {
  const template = [...cluster.tasks].reverse().find((t) => t.spec.service === service.name)?.declared;
  const s = service.spec;
  const containers: ContainerSpec[] = template
    ? template.containers.map(({ runtimeId: _runtimeId, lastStatus: _lastStatus, ...c }) => c)
    : (def?.containers ?? []).map((c) => ({ name: c.name, agent: 'RUNNING', ports: c.containerPorts.map((port) => ({ port, kind: 'http' })) }));
  return {
    id: randomBytes(16).toString('hex'),
    service: s.name,
    taskDefinition: s.taskDefinition,
    lastStatus: 'RUNNING',
    launchType: s.launchType,
    ...(s.platformVersion === undefined ? {} : { platformVersion: s.platformVersion }),
    enableExecuteCommand: s.enableExecuteCommand,
    ...(template?.availabilityZone === undefined ? {} : { availabilityZone: template.availabilityZone }),
    ...(template?.containerInstance === undefined ? {} : { containerInstance: template.containerInstance }),
    containers,
  };
}

/** Starts `count` tasks of the service now; returns their ids. Once they run, the service is steady again (unless something changed it meanwhile). */
function startTasks(ctx: TaskScope, cluster: ClusterEntry, service: ServiceEntry, count: number, now: number): string[] {
  const def = ctx.region.taskDefinition(service.spec.taskDefinition);
  const launch = planLaunch(now, { ...ctx.deps.taskLaunching }, (def?.networkMode ?? 'awsvpc') === 'awsvpc');
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push(cluster.addTask(newTaskSpec(cluster, service, def), launch).spec.id);
  const steady = (): void => {
    const running = cluster.tasks.filter((t) => t.spec.service === service.name && t.spec.lastStatus === 'RUNNING').length;
    if (running === service.desiredCount && activeTasks(cluster, service).length === running) service.record(steadyEvent(service.name), Date.now());
  };
  if (launch.runningAt <= now) steady();
  else ctx.deps.schedulerTimers.after(launch.runningAt - now, steady);
  return ids;
}

/** Brings the service to its desiredCount now: starts the tasks it lacks, or stops its newest extra ones. */
function converge(ctx: TaskScope, cluster: ClusterEntry, service: ServiceEntry, now: number): void {
  const active = activeTasks(cluster, service);
  const short = service.desiredCount - active.length;
  if (short > 0) service.record(startedEvent(service.name, startTasks(ctx, cluster, service, short, now)), now);
  if (short >= 0) return;
  const extra = active.slice(short);
  const why = { stoppedReason: `Scaling activity initiated by (deployment ecs-svc/${service.name})`, stopCode: 'ServiceSchedulerInitiated' } as const;
  for (const task of extra) beginStop(ctx, task, why, now);
  service.record(stoppedEvent(service.name, extra.map((t) => t.spec.id)), now);
}

/**
 * Asks the service's scheduler to look at it: if its tasks meant to run are not its desiredCount,
 * it acts after SERVICE_SCHEDULING.reconcileDelayMs (counting again then: one look serves every
 * change made meanwhile).
 */
export function reconcileService(ctx: TaskScope, cluster: ClusterEntry, service: ServiceEntry): void {
  if (service.reconcileDue || activeTasks(cluster, service).length === service.desiredCount) return;
  service.reconcileDue = true;
  const act = (): void => {
    service.reconcileDue = false;
    converge(ctx, cluster, service, Date.now());
  };
  const delay = ctx.deps.serviceScheduling.reconcileDelayMs;
  if (delay <= 0) act();
  else ctx.deps.schedulerTimers.after(delay, act);
}
