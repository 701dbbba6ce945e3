/** SDK ECS shapes → plain discovery data. Kept apart from the calls so the mapping is easy to read. */
import type { Cluster, Container, Service, Task } from '@aws-sdk/client-ecs';
import { arnTail, type ClusterInfo, type ContainerInfo, type ServiceInfo, type TaskInfo } from './types.js';

/** The managed agent ECS Exec runs in each container. */
export const EXEC_AGENT_NAME = 'ExecuteCommandAgent';

export function clusterInfo(c: Cluster): ClusterInfo {
  const exec = c.configuration?.executeCommandConfiguration;
  const arn = c.clusterArn ?? '';
  return {
    arn,
    name: c.clusterName ?? arnTail(arn),
    status: c.status ?? 'UNKNOWN',
    runningTasks: c.runningTasksCount ?? 0,
    pendingTasks: c.pendingTasksCount ?? 0,
    activeServices: c.activeServicesCount ?? 0,
    execKmsKeyId: exec?.kmsKeyId ?? null,
    execLogging: exec?.logging ?? null,
  };
}

export function serviceInfo(s: Service, clusterArn: string): ServiceInfo {
  const arn = s.serviceArn ?? '';
  return {
    arn,
    name: s.serviceName ?? arnTail(arn),
    clusterArn: s.clusterArn ?? clusterArn,
    status: s.status ?? 'UNKNOWN',
    desiredCount: s.desiredCount ?? 0,
    runningCount: s.runningCount ?? 0,
    launchType: s.launchType ?? null,
    platformVersion: s.platformVersion ?? null,
    execEnabled: s.enableExecuteCommand ?? false,
  };
}

function containerInfo(c: Container): ContainerInfo {
  const agent = c.managedAgents?.find((a) => a.name === EXEC_AGENT_NAME);
  return {
    name: c.name ?? '?',
    runtimeId: c.runtimeId ?? null,
    lastStatus: c.lastStatus ?? 'UNKNOWN',
    image: c.image ?? null,
    execAgent: agent ? { status: agent.lastStatus ?? null, reason: agent.reason ?? null } : null,
  };
}

export function taskInfo(t: Task, clusterArn: string): TaskInfo {
  const arn = t.taskArn ?? '';
  const group = t.group ?? '';
  return {
    arn,
    id: arnTail(arn),
    clusterArn: t.clusterArn ?? clusterArn,
    serviceName: group.startsWith('service:') ? group.slice('service:'.length) : null,
    lastStatus: t.lastStatus ?? 'UNKNOWN',
    desiredStatus: t.desiredStatus ?? 'UNKNOWN',
    launchType: t.launchType ?? null,
    platformVersion: t.platformVersion ?? null,
    platformFamily: t.platformFamily ?? null,
    execEnabled: t.enableExecuteCommand ?? false,
    taskDefinitionArn: t.taskDefinitionArn ?? null,
    containerInstanceArn: t.containerInstanceArn ?? null,
    startedAt: t.startedAt ? t.startedAt.getTime() : null,
    stoppedReason: t.stoppedReason ?? null,
    containers: (t.containers ?? []).map(containerInfo),
  };
}
