// What a tree row shows for the task definition and the container ports: the row's own text,
// its muted secondary text and its tooltip, for nodes from current and older hosts.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { InventoryNode } from '../../shared/contract/index.js';
import type { ExecNotReady } from '../../shared/exec-readiness.js';
import { badgeOf, diagnosisTargetOf, notReadyReason, readinessOf, rowLabel, secondaryOf, sessionAddressOf, sharedNames, targetOf, taskDefinitionOf, titleOf, tooltipOf } from './node-view.js';

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
    expect(tooltipOf(task())).toBe('89abcdef · web:3\nTask definition web:3');
  });

  it('start the tooltip with the full label, which a narrow tree cuts', () => {
    expect(tooltipOf(task({ taskDefinition: 'worker-with-a-long-family-name:2' }))?.split('\n')[0]).toBe('89abcdef · worker-with-a-long-family-name:2');
    expect(tooltipOf(task({ taskDefinition: null, label: '0123456789ab' }))?.split('\n')).toEqual(['0123456789ab']);
  });

  it('fall back to the label for hosts that do not send the field, and to nothing without either', () => {
    const { taskDefinition: _omit, ...old } = task();
    expect(taskDefinitionOf(old)).toBe('web:3');
    expect(taskDefinitionOf(task({ taskDefinition: null, label: '0123456789ab' }))).toBeNull();
    expect(rowLabel(task({ taskDefinition: null, label: '0123456789ab' }))).toBe('0123456789ab');
  });

  it('say stopped, or stopping once ECS was asked to stop it, whatever state it is passing through', () => {
    expect(badgeOf(task())).toBeNull();
    expect(badgeOf(task({ lastStatus: 'STOPPED', desiredStatus: 'STOPPED' }))).toMatchObject({ text: 'stopped', tone: 'muted' });
    for (const lastStatus of ['RUNNING', 'DEACTIVATING', 'DEPROVISIONING'] as const) {
      expect(badgeOf(task({ lastStatus, desiredStatus: 'STOPPED' }))).toMatchObject({ text: 'stopping', tone: 'muted', hint: `ECS is stopping the task (it is ${lastStatus}); it will not run again.` });
    }
  });

  it('name the task by the same short id as the tab title of its container', () => {
    expect(rowLabel(task())).toBe('89abcdef · web:3');
    expect(titleOf(container())).toBe('app · 89abcdef');
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

describe('exec readiness: one decision for badge, menu hint and diagnosis', () => {
  it('a RUNNING container without runtime id or agent is not "exec not enabled" when the task has exec on', () => {
    const c = container({ runtimeId: null, execAgentStatus: null, execEnabled: true });
    const r = readinessOf(c);
    expect(r.state).toBe('no-runtime-id');
    expect(badgeOf(c)).toEqual({ text: 'no runtime id', tone: 'warn', hint: `${r.reason} ${r.nextStep}` });
    expect(r.reason).not.toMatch(/not enabled|not started/);
    // It cannot be opened, but it can be diagnosed.
    expect(targetOf(c)).toBeNull();
    expect(diagnosisTargetOf(c)).toMatchObject({ kind: 'ecs-container', containerName: 'app', runtimeId: null, cluster: 'demo-web' });
  });

  it('says exec is off only when the task says so (or an older host sends no flag and no agent)', () => {
    expect(readinessOf(container({ execEnabled: false })).state).toBe('not-enabled');
    expect(readinessOf(container({ execAgentStatus: null })).state).toBe('not-enabled');
    expect(readinessOf(container({ execAgentStatus: null, execEnabled: true })).state).toBe('no-agent');
    expect(readinessOf(container({ lastStatus: 'PENDING', runtimeId: null })).badge).toBe('pending');
    expect(readinessOf(container()).ready).toBe(true);
  });

  it("a container of a task ECS is stopping is not ready while it still runs through SIGTERM, as its task's badge says", () => {
    const stopping = container({ taskDesiredStatus: 'STOPPED' });
    expect(readinessOf(stopping)).toMatchObject({ ready: false, state: 'not-running', badge: 'stopping', tone: 'muted' });
    expect(badgeOf(stopping)?.text).toBe('stopping');
    expect(notReadyReason(stopping)).toContain('stopping');
    // A running task's container, and one from an older host that does not send the field, are ready.
    expect(readinessOf(container({ taskDesiredStatus: 'RUNNING' })).ready).toBe(true);
    expect(readinessOf(container()).ready).toBe(true);
    // Without a runtime id the stop is still the reason given.
    expect(sessionAddressOf(container({ taskDesiredStatus: 'STOPPED', runtimeId: null })).missing?.badge).toBe('stopping');
  });
});

describe('where a session on a target goes', () => {
  it('a container without a runtime id has no address and always its readiness reason for it, whatever else ECS says', () => {
    for (const lastStatus of ['RUNNING', 'PENDING', 'STOPPED']) {
      for (const execEnabled of [true, false, undefined]) {
        for (const execAgentStatus of ['RUNNING', 'PENDING', null]) {
          const c = container({ runtimeId: null, lastStatus, execEnabled, execAgentStatus });
          const address = sessionAddressOf(c);
          expect(address.target).toBeNull();
          expect(address.missing?.ready).toBe(false);
          // The same sentence as the badge's, so the menu, the badge and the diagnosis agree.
          expect(address.missing?.reason).toBe(readinessOf(c).reason);
        }
      }
    }
  });

  it('an instance, and a container with a runtime id, have an address and nothing missing (ready or not)', () => {
    const inst: Extract<InventoryNode, { kind: 'instance' }> = { kind: 'instance', id: 'i:1', label: 'bastion', profile: 'p', region: 'us-east-1', instanceId: 'i-0abc', name: 'bastion', pingStatus: 'ConnectionLost', platform: 'Linux', state: 'running' };
    expect(sessionAddressOf(inst)).toEqual({ target: { kind: 'instance', profile: 'p', region: 'us-east-1', instanceId: 'i-0abc' }, missing: null });
    expect(sessionAddressOf(container({ execAgentStatus: 'STOPPED' }))).toMatchObject({ target: { kind: 'ecs-container', runtimeId: 'abc-1', cluster: 'demo-web' }, missing: null });
  });

  it('types: no address means a reason, so no caller needs a fallback sentence', () => {
    const address = sessionAddressOf(container({ runtimeId: null }));
    if (address.target === null) expectTypeOf(address.missing).toEqualTypeOf<ExecNotReady>();
    else expectTypeOf(address.missing).toEqualTypeOf<null>();
  });
});

describe('instances that share a Name', () => {
  const inst = (id: string, name: string | null): InventoryNode => ({ kind: 'instance', id: `i:${id}`, label: name ?? id, profile: 'p', region: 'us-east-1', instanceId: id, name, pingStatus: 'Online', platform: 'Linux', state: 'running' });

  it('add the end of their id; unique names stay as they are', () => {
    const siblings = [inst('i-0aaaaaaaaaa111111', 'web'), inst('i-0bbbbbbbbbb222222', 'web'), inst('i-0ccccccccccc33333', 'db'), inst('i-0dddddddddd444444', null)];
    const shared = sharedNames(siblings);
    expect(siblings.map((n) => rowLabel(n, shared))).toEqual(['web · …111111', 'web · …222222', 'db', 'i-0dddddddddd444444']);
  });
});

describe('profiles and regions', () => {
  it('mark the AWS_PROFILE/default profile and a region that came from AWS_REGION', () => {
    expect(badgeOf({ kind: 'profile', id: 'p:1', label: 'dev', profile: 'dev', source: 'config', isDefault: true })?.text).toBe('active');
    expect(badgeOf({ kind: 'profile', id: 'p:2', label: 'ops', profile: 'ops', source: 'config', isDefault: false })).toBeNull();
    const region = badgeOf({ kind: 'region', id: 'r:1', label: 'eu-west-1', profile: 'dev', region: 'eu-west-1', fromEnv: true });
    expect(region?.text).toBe('AWS_REGION');
    expect(region?.hint).toMatch(/AWS_PROFILE or default profile only/);
  });
});
