// What a tree row shows for the task definition and the container ports: the row's own text,
// its muted secondary text and its tooltip, for nodes from current and older hosts.
import { describe, expect, it } from 'vitest';
import type { InventoryNode } from '../../shared/contract/index.js';
import { rowLabel, secondaryOf, taskDefinitionOf, tooltipOf } from './node-view.js';

type Task = Extract<InventoryNode, { kind: 'task' }>;
type Container = Extract<InventoryNode, { kind: 'container' }>;

const taskArn = 'arn:aws:ecs:us-east-1:123456789012:task/demo-web/0123456789abcdef0123456789abcdef';
const task = (over: Partial<Task> = {}): Task => ({
  kind: 'task', id: 'task:1', label: '0123456789ab · web:3', profile: 'sandbox', region: 'us-east-1',
  clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web', taskArn, lastStatus: 'RUNNING', desiredStatus: 'RUNNING',
  launchType: 'FARGATE', execEnabled: true, platformVersion: '1.4.0', startedAt: 1, taskDefinition: 'web:3', ...over,
});
const container = (over: Partial<Container> = {}): Container => ({
  kind: 'container', id: 'container:1', label: 'app', profile: 'sandbox', region: 'us-east-1',
  clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web', taskArn, name: 'app', runtimeId: 'abc-1', lastStatus: 'RUNNING',
  execAgentStatus: 'RUNNING', image: 'nginx:1.27', ports: [{ containerPort: 8080, protocol: 'tcp' }, { containerPort: 53, protocol: 'udp' }], ...over,
});

describe('task rows', () => {
  it('show the task definition beside the end of the task id, and in the tooltip', () => {
    expect(rowLabel(task())).toBe('89abcdef · web:3');
    expect(tooltipOf(task())).toBe('Task definition web:3');
  });

  it('fall back to the label for hosts that do not send the field, and to nothing without either', () => {
    const { taskDefinition: _omit, ...old } = task();
    expect(taskDefinitionOf(old)).toBe('web:3');
    expect(taskDefinitionOf(task({ taskDefinition: null, label: '0123456789ab' }))).toBeNull();
    expect(rowLabel(task({ taskDefinition: null, label: '0123456789ab' }))).toBe('0123456789ab');
  });
});

describe('container rows', () => {
  it('show ports as secondary text (protocol only when not tcp) and in full in the tooltip', () => {
    expect(secondaryOf(container())).toBe(':8080 :53/udp');
    expect(tooltipOf(container())?.split('\n')).toEqual(['Image nginx:1.27', 'Ports 8080/tcp, 53/udp', 'The ECS Exec agent is running: a shell can be opened.']);
  });

  it('say when no port is mapped, and when the ports could not be read', () => {
    expect(secondaryOf(container({ ports: [] }))).toBeNull();
    expect(tooltipOf(container({ ports: [] }))).toContain('No ports mapped');
    expect(secondaryOf(container({ ports: null }))).toBeNull();
    expect(tooltipOf(container({ ports: null }))).toContain('Ports unknown');
    const { ports: _omit, ...old } = container();
    expect(tooltipOf(old)).not.toMatch(/Ports|ports/);
  });
});

describe('other rows keep their tooltip', () => {
  it('instances: the id, then the badge reason', () => {
    const inst: InventoryNode = { kind: 'instance', id: 'i:1', label: 'bastion', profile: 'p', region: 'us-east-1', instanceId: 'i-0123456789abcdef0', name: 'bastion', pingStatus: 'Online', platform: 'Linux', state: 'running' };
    expect(tooltipOf(inst)).toBe('i-0123456789abcdef0\nThe SSM agent is online.');
  });
});
