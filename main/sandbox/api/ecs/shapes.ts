/**
 * World entries rendered as ECS API shapes (member names and casing as in the ECS model; JSON 1.1
 * timestamps are epoch seconds).
 */
import { arn } from '../../world/arns.js';
import type { ClusterEntry, RegionView, TaskEntry } from '../../world/model.js';
import type { ServiceEntry } from '../../world/service-entry.js';
import type { TaskDefinitionSpec, TaskSpec } from '../../world/schema.js';
import { stoppedExitCode } from '../../world/task-stop.js';

export const ECS_SHAPES = {
  /** When a world gives no start time, tasks appear to have started this long before boot. */
  defaultTaskAgeSeconds: 3600,
  /** A STOPPED task whose world gives no stop time appears to have run this long. */
  defaultRunSeconds: 60,
  /** ECS Exec managed-agent name (what diagnostics look for). */
  execAgentName: 'ExecuteCommandAgent',
} as const;

const bootSeconds = Math.floor(Date.now() / 1000);

function startedSeconds(task: TaskEntry): number {
  const parsed = task.spec.startedAt ? Date.parse(task.spec.startedAt) : NaN;
  return Number.isNaN(parsed) ? bootSeconds - ECS_SHAPES.defaultTaskAgeSeconds : Math.floor(parsed / 1000);
}

/** What ECS counts as pending (pendingCount, pendingTasksCount): a task started but not yet RUNNING. */
const STARTING: ReadonlySet<string> = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

export function desiredStatusOf(task: TaskEntry): string {
  return task.spec.desiredStatus ?? (task.spec.lastStatus === 'STOPPED' ? 'STOPPED' : 'RUNNING');
}

export function clusterShape(c: ClusterEntry, include: readonly string[]): Record<string, unknown> {
  const running = c.tasks.filter((t) => t.spec.lastStatus === 'RUNNING').length;
  const pending = c.tasks.filter((t) => STARTING.has(t.spec.lastStatus)).length;
  const shape: Record<string, unknown> = {
    clusterArn: c.arn,
    clusterName: c.spec.name,
    status: 'ACTIVE',
    registeredContainerInstancesCount: c.spec.containerInstances.filter((ci) => ci.status !== 'INACTIVE').length,
    runningTasksCount: running,
    pendingTasksCount: pending,
    activeServicesCount: c.spec.services.length,
    statistics: [],
    tags: [],
    settings: [{ name: 'containerInsights', value: 'disabled' }],
    capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    defaultCapacityProviderStrategy: [],
  };
  if (include.includes('CONFIGURATIONS')) {
    const exec: Record<string, unknown> = { logging: c.spec.execLogging };
    if (c.spec.execKmsKeyId) exec['kmsKeyId'] = c.spec.execKmsKeyId;
    shape['configuration'] = { executeCommandConfiguration: exec };
  }
  return shape;
}

export function serviceShape(view: RegionView, c: ClusterEntry, service: ServiceEntry): Record<string, unknown> {
  const s = service.spec;
  const statuses = c.tasks.filter((t) => t.spec.service === s.name).map((t) => t.spec.lastStatus);
  const running = statuses.filter((st) => st === 'RUNNING').length;
  const pending = statuses.filter((st) => STARTING.has(st)).length;
  const taskDefinition = arn.taskDefinition(view.scope, s.taskDefinition);
  const steady = running === service.desiredCount && pending === 0;
  return {
    serviceArn: arn.service(view.scope, c.spec.name, s.name),
    serviceName: s.name,
    clusterArn: c.arn,
    status: 'ACTIVE',
    desiredCount: service.desiredCount,
    runningCount: running,
    pendingCount: pending,
    launchType: s.launchType,
    ...(s.launchType === 'FARGATE' ? { platformVersion: s.platformVersion ?? 'LATEST', platformFamily: 'Linux' } : {}),
    taskDefinition,
    enableExecuteCommand: s.enableExecuteCommand,
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    deployments: [
      { id: `ecs-svc/${s.name}`, status: 'PRIMARY', taskDefinition, desiredCount: service.desiredCount, pendingCount: pending, runningCount: running, rolloutState: steady ? 'COMPLETED' : 'IN_PROGRESS' },
    ],
    // Newest first, as ECS lists them (JSON 1.1 epoch seconds).
    events: service.events.map((e) => ({ id: e.id, createdAt: e.createdAt / 1000, message: e.message })),
    createdAt: bootSeconds - ECS_SHAPES.defaultTaskAgeSeconds,
  };
}

/** A container's lastStatus: the world's, else its task's; after StopTask, RUNNING until it exits (SIGTERM, or SIGKILL at its stop timeout). */
function containerStatus(task: TaskEntry, spec: TaskSpec, c: TaskEntry['containers'][number], now: number): string {
  const stop = task.stop;
  if (stop && now >= (stop.containerExits.get(c.name)?.at ?? stop.executionStoppedAt)) return 'STOPPED';
  // A launched task's containers start with it: PENDING until they run (from ACTIVATING on).
  if (task.launch) return now < task.launch.activatingAt ? 'PENDING' : 'RUNNING';
  if (stop) return c.lastStatus ?? 'RUNNING';
  return c.lastStatus ?? (spec.lastStatus === 'STOPPED' ? 'STOPPED' : spec.lastStatus === 'RUNNING' ? 'RUNNING' : 'PENDING');
}

function containerShape(view: RegionView, task: TaskEntry, spec: TaskSpec, c: TaskEntry['containers'][number], def: TaskDefinitionSpec | undefined, now: number): Record<string, unknown> {
  const declared = def?.containers.find((d) => d.name === c.name);
  const lastStatus = containerStatus(task, spec, c, now);
  const down = lastStatus === 'STOPPED';
  const shape: Record<string, unknown> = {
    containerArn: arn.container(view.scope, task.cluster.spec.name, spec.id, c.name),
    taskArn: task.arn,
    name: c.name,
    image: declared?.image,
    // ECS gives a container its runtime id once it is created: a launched task's, once it leaves PENDING.
    ...(task.launch && lastStatus === 'PENDING' ? {} : { runtimeId: c.runtimeId }),
    lastStatus,
    networkBindings: [],
    networkInterfaces: spec.launchType === 'FARGATE' ? [{ attachmentId: spec.id.slice(0, 8), privateIpv4Address: '10.0.2.15' }] : [],
    healthStatus: 'UNKNOWN',
    cpu: '0',
  };
  // ECS gives an exit code only to a container that has exited: 143 or 137 when ECS stopped it (task-stop.ts).
  if (down) shape['exitCode'] = task.stop?.containerExits.get(c.name)?.exitCode ?? stoppedExitCode(spec.stopCode, declared?.initProcessEnabled ?? true);
  if (c.agent !== null && spec.enableExecuteCommand) {
    // The exec agent runs inside its container and goes with it: ECS reports it STOPPED once the
    // container is, and PENDING until the container runs.
    const agentStatus = down ? 'STOPPED' : lastStatus === 'PENDING' ? 'PENDING' : c.agent;
    const agent: Record<string, unknown> = { name: ECS_SHAPES.execAgentName, lastStatus: agentStatus };
    if (agentStatus === 'RUNNING') agent['lastStartedAt'] = startedSeconds(task);
    if (c.agentReason) agent['reason'] = c.agentReason;
    shape['managedAgents'] = [agent];
  }
  return shape;
}

/** The task as DescribeTasks (and StopTask, at its own instant) shows it at `now` (epoch ms). */
export function taskShape(view: RegionView, task: TaskEntry, now: number = Date.now()): Record<string, unknown> {
  const t = task.specAt(now);
  const def = view.taskDefinition(t.taskDefinition);
  const started = startedSeconds(task);
  const launch = task.launch;
  const shape: Record<string, unknown> = {
    taskArn: task.arn,
    clusterArn: task.cluster.arn,
    taskDefinitionArn: arn.taskDefinition(view.scope, t.taskDefinition),
    lastStatus: t.lastStatus,
    desiredStatus: desiredStatusOf(task),
    launchType: t.launchType,
    enableExecuteCommand: t.enableExecuteCommand,
    group: t.service ? `service:${t.service}` : `family:${t.taskDefinition.split(':')[0]}`,
    availabilityZone: t.availabilityZone ?? `${view.scope.region}a`,
    connectivity: 'CONNECTED',
    cpu: def?.cpu ?? '256',
    memory: def?.memory ?? '512',
    createdAt: launch ? launch.createdAt / 1000 : started - 30,
    ...(launch && now < launch.runningAt ? {} : { startedAt: launch ? launch.runningAt / 1000 : started }),
    containers: task.containers.map((c) => containerShape(view, task, t, c, def, now)),
    overrides: { containerOverrides: task.containers.map((c) => ({ name: c.name })), inferenceAcceleratorOverrides: [] },
    attachments: [],
    tags: [],
    version: 3,
  };
  // ECS records the image pull of a task it started once the pull is over.
  if (launch && now >= launch.activatingAt) Object.assign(shape, { pullStartedAt: launch.pendingAt / 1000, pullStoppedAt: launch.activatingAt / 1000 });
  if (t.service) shape['startedBy'] = `ecs-svc/${t.service}`;
  if (t.containerInstance) shape['containerInstanceArn'] = arn.containerInstance(view.scope, task.cluster.spec.name, t.containerInstance);
  if (t.launchType === 'FARGATE') {
    shape['platformVersion'] = t.platformVersion ?? '1.4.0';
    shape['platformFamily'] = 'Linux';
  }
  const stop = task.stop;
  if (stop) {
    // As ECS after StopTask: why and stoppingAt at once, executionStoppedAt once the containers
    // are down, stoppedAt once the task is STOPPED (JSON 1.1 epoch seconds, with milliseconds).
    shape['stopCode'] = stop.stopCode;
    shape['stoppedReason'] = stop.stoppedReason;
    shape['stoppingAt'] = stop.stoppingAt / 1000;
    if (now >= stop.executionStoppedAt) shape['executionStoppedAt'] = stop.executionStoppedAt / 1000;
    if (t.lastStatus === 'STOPPED') shape['stoppedAt'] = stop.stoppedAt / 1000;
  } else if (t.lastStatus === 'STOPPED') {
    const stoppedAt = t.stoppedAt ? Date.parse(t.stoppedAt) : NaN;
    shape['stoppedAt'] = Number.isNaN(stoppedAt) ? started + ECS_SHAPES.defaultRunSeconds : Math.floor(stoppedAt / 1000);
    shape['stoppingAt'] = shape['stoppedAt'];
    shape['executionStoppedAt'] = shape['stoppedAt'];
    shape['stopCode'] = t.stopCode ?? 'EssentialContainerExited';
    shape['stoppedReason'] = t.stoppedReason ?? 'Task stopped';
  }
  return shape;
}

export function taskDefinitionShape(view: RegionView, d: TaskDefinitionSpec): Record<string, unknown> {
  const shape: Record<string, unknown> = {
    taskDefinitionArn: arn.taskDefinition(view.scope, `${d.family}:${d.revision}`),
    family: d.family,
    revision: d.revision,
    status: 'ACTIVE',
    networkMode: d.networkMode,
    requiresCompatibilities: d.requiresCompatibilities,
    compatibilities: d.requiresCompatibilities.includes('FARGATE') ? ['EC2', 'FARGATE'] : ['EC2'],
    cpu: d.cpu,
    memory: d.memory,
    volumes: [],
    placementConstraints: [],
    containerDefinitions: d.containers.map((c) => ({
      name: c.name,
      image: c.image,
      cpu: c.cpu,
      ...(c.memory !== undefined ? { memory: c.memory } : {}),
      essential: c.essential,
      readonlyRootFilesystem: c.readonlyRootFilesystem,
      linuxParameters: { initProcessEnabled: c.initProcessEnabled },
      ...(c.stopTimeout !== undefined ? { stopTimeout: c.stopTimeout } : {}),
      portMappings: c.containerPorts.map((p) => ({ containerPort: p, hostPort: d.networkMode === 'awsvpc' ? p : 0, protocol: 'tcp' })),
      environment: c.environment,
      mountPoints: [],
      volumesFrom: [],
    })),
  };
  if (d.taskRoleArn) shape['taskRoleArn'] = d.taskRoleArn;
  if (d.executionRoleArn) shape['executionRoleArn'] = d.executionRoleArn;
  if (d.pidMode) shape['pidMode'] = d.pidMode;
  return shape;
}
