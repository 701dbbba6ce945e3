/** Discovery data → the contract's inventory nodes (plain, JSON-safe, no credentials). */
import type { ContainerPort, InventoryNode } from '../../../shared/contract/inventory.js';
import type { ProfileInfo } from '../profiles.js';
import { arnTail, type ClusterInfo, type ContainerInfo, type InstanceInfo, type ServiceInfo, type TaskInfo } from '../discovery/types.js';
import { nodeId } from './node-ids.js';

type NodeOf<K extends InventoryNode['kind']> = Extract<InventoryNode, { kind: K }>;

/** Characters of a task id shown in its label; the full id is in the node and the filter. */
const TASK_ID_LABEL_CHARS = 12;

/** Where a profile came from, in the contract's terms. */
export function profileSource(p: ProfileInfo): NodeOf<'profile'>['source'] {
  if (p.kind === 'sso') return 'sso';
  if (p.kind === 'environment' || p.kind === 'default-chain') return 'environment';
  return p.files.includes('config') ? 'config' : 'credentials';
}

export function profileNode(p: ProfileInfo): NodeOf<'profile'> {
  return { kind: 'profile', id: nodeId.profile(p.name), label: p.name, profile: p.name, source: profileSource(p), isDefault: p.isDefault, sso: p.sso !== null };
}

/** `fromEnv`: the region is AWS_REGION's (or AWS_DEFAULT_REGION's), not the profile's own. */
export function regionNode(profile: string, region: string, fromEnv = false): NodeOf<'region'> {
  return { kind: 'region', id: nodeId.region(profile, region), label: region, profile, region, ...(fromEnv ? { fromEnv } : {}) };
}

export function clusterNode(profile: string, region: string, c: ClusterInfo): NodeOf<'cluster'> {
  return { kind: 'cluster', id: nodeId.cluster(profile, region, c.arn), label: c.name, profile, region, clusterArn: c.arn, status: c.status, runningTasks: c.runningTasks, activeServices: c.activeServices };
}

export function serviceNode(profile: string, region: string, s: ServiceInfo): NodeOf<'service'> {
  return {
    kind: 'service', id: nodeId.service(profile, region, s.clusterArn, s.name), label: s.name, profile, region,
    clusterArn: s.clusterArn, serviceArn: s.arn, status: s.status, desiredCount: s.desiredCount, runningCount: s.runningCount,
    launchType: s.launchType, execEnabled: s.execEnabled,
  };
}

export function taskNode(profile: string, region: string, t: TaskInfo): NodeOf<'task'> {
  const family = t.taskDefinitionArn ? arnTail(t.taskDefinitionArn) : null;
  const label = `${t.id.slice(0, TASK_ID_LABEL_CHARS)}${family ? ` · ${family}` : ''}`;
  return {
    kind: 'task', id: nodeId.task(profile, region, t.clusterArn, t.arn), label, profile, region,
    clusterArn: t.clusterArn, taskArn: t.arn, lastStatus: t.lastStatus, desiredStatus: t.desiredStatus, launchType: t.launchType,
    execEnabled: t.execEnabled, platformVersion: t.platformVersion, startedAt: t.startedAt, taskDefinition: family,
  };
}

/** `ports`: from the task definition ([] when it maps none), null when it could not be read. */
export function containerNode(profile: string, region: string, t: TaskInfo, c: ContainerInfo, ports: readonly ContainerPort[] | null = null): NodeOf<'container'> {
  return {
    kind: 'container', id: nodeId.container(profile, region, t.clusterArn, t.arn, c.name), label: c.name, profile, region,
    clusterArn: t.clusterArn, taskArn: t.arn, name: c.name, runtimeId: c.runtimeId, lastStatus: c.lastStatus, execEnabled: t.execEnabled,
    taskDesiredStatus: t.desiredStatus, execAgentStatus: c.execAgent?.status ?? null, image: c.image, ports: ports === null ? null : [...ports],
  };
}

export function instanceNode(profile: string, region: string, i: InstanceInfo): NodeOf<'instance'> {
  return {
    kind: 'instance', id: nodeId.instance(profile, region, i.id), label: i.name ? `${i.name} (${i.id})` : i.id, profile, region,
    instanceId: i.id, name: i.name, pingStatus: i.pingStatus, platform: i.platformType, state: i.state,
  };
}

/** Text the filter matches against: label plus every name/id/ARN of the node. */
export function searchText(n: InventoryNode): string {
  const parts: Array<string | null> = [n.label];
  switch (n.kind) {
    case 'cluster': parts.push(n.clusterArn); break;
    case 'service': parts.push(n.serviceArn); break;
    case 'task': parts.push(n.taskArn, n.taskDefinition ?? null); break;
    case 'container': parts.push(n.name, n.runtimeId, n.image); break;
    case 'instance': parts.push(n.instanceId, n.name); break;
    default: break;
  }
  return parts.filter((p): p is string => p !== null).join('\n').toLowerCase();
}
