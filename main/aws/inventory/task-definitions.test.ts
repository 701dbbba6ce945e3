// Container ports and task definition names on the tree: the portMappings mapping, one
// DescribeTaskDefinition per revision (not per task), and the nodes the sandbox demo world yields.
import type { ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryNode } from '../../../shared/contract/inventory.js';
import { SANDBOX } from '../../sandbox/index.js';
import { Limiter } from '../discovery/bounded.js';
import { nodeId } from './node-ids.js';
import { portsFromTaskDefinition, TaskDefinitionPorts } from './task-definitions.js';
import { sandboxInventory, type SandboxInventory } from '../../../testing/aws/inventory/test-sandbox.js';

describe('portsFromTaskDefinition', () => {
  it('maps portMappings per container, tcp when the protocol is left out, without duplicates', () => {
    const ports = portsFromTaskDefinition({
      containerDefinitions: [
        { name: 'app', portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }, { containerPort: 8080 }, { containerPort: 53, protocol: 'udp' }, { hostPort: 9 }] },
        { name: 'sidecar' },
        { portMappings: [{ containerPort: 1 }] },
      ],
    });
    expect([...ports.entries()]).toEqual([
      ['app', [{ containerPort: 8080, protocol: 'tcp' }, { containerPort: 53, protocol: 'udp' }]],
      ['sidecar', []],
    ]);
  });
});

describe('over the sandbox demo world', () => {
  let t: SandboxInventory;
  let ecs: ECSClient;
  beforeAll(async () => {
    t = await sandboxInventory();
    ecs = (await t.workspace.open(SANDBOX.profile)).ecs('us-east-1');
  });
  afterAll(async () => {
    await t.close();
  });

  const find = (nodes: InventoryNode[], label: string): InventoryNode => {
    const n = nodes.find((x) => x.label === label);
    if (!n) throw new Error(`no ${label} among ${nodes.map((x) => x.label).join(', ')}`);
    return n;
  };

  it('puts family:revision on tasks and the mapped ports on containers', async () => {
    const region = await t.inventory.children(nodeId.region(SANDBOX.profile, 'us-east-1'));
    const services = await t.inventory.children(find(region, 'demo-web').id);
    const tasks = await t.inventory.children(find(services, 'web').id);
    expect(tasks.length).toBeGreaterThan(1);
    for (const task of tasks) {
      expect(task).toMatchObject({ kind: 'task', taskDefinition: 'web:3' });
      const containers = await t.inventory.children(task.id);
      expect(find(containers, 'app')).toMatchObject({ ports: [{ containerPort: 8080, protocol: 'tcp' }, { containerPort: 9000, protocol: 'tcp' }] });
      expect(find(containers, 'log-router')).toMatchObject({ ports: [] });
    }
    // The filter finds a task by its task definition too.
    expect(t.inventory.filter('web:3').some((m) => m.node.kind === 'task')).toBe(true);
  });

  it('asks once per revision however many tasks share it, and retries after a failure', async () => {
    const defs = new TaskDefinitionPorts(new Limiter(2));
    const arn = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3';
    const [a, b] = await Promise.all([defs.portsOf(ecs, arn), defs.portsOf(ecs, arn)]);
    expect(a).toBe(b);
    expect(defs.calls).toBe(1);
    await defs.portsOf(ecs, arn);
    expect(defs.calls).toBe(1);

    const missing = 'arn:aws:ecs:us-east-1:123456789012:task-definition/nope:1';
    await expect(defs.portsOf(ecs, missing)).rejects.toThrow();
    await expect(defs.portsOf(ecs, missing)).rejects.toThrow();
    expect(defs.calls).toBe(3);
  });
});
