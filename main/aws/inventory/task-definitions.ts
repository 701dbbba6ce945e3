/**
 * Container ports for the tree, from DescribeTaskDefinition's portMappings. DescribeTasks does not
 * carry them (networkBindings is empty for awsvpc/Fargate tasks), so one extra call is made per
 * task definition revision — not per task or container — and kept: a revision never changes.
 */
import { DescribeTaskDefinitionCommand, type ECSClient, type TaskDefinition } from '@aws-sdk/client-ecs';
import type { ContainerPort } from '../../../shared/contract/inventory.js';
import type { Limiter, Priority, PriorityTicket } from '../discovery/bounded.js';

/** Ports per container name of one task definition revision. */
export type PortsByContainer = ReadonlyMap<string, readonly ContainerPort[]>;

/** DescribeTaskDefinition's portMappings → the contract's ports, per container. Unknown protocol reads as tcp (the API default). */
export function portsFromTaskDefinition(def: TaskDefinition): PortsByContainer {
  const out = new Map<string, ContainerPort[]>();
  for (const c of def.containerDefinitions ?? []) {
    if (c.name === undefined) continue;
    const ports: ContainerPort[] = [];
    for (const m of c.portMappings ?? []) {
      if (m.containerPort === undefined) continue;
      if (ports.some((p) => p.containerPort === m.containerPort && p.protocol === (m.protocol ?? 'tcp'))) continue;
      ports.push({ containerPort: m.containerPort, protocol: m.protocol ?? 'tcp' });
    }
    out.set(c.name, ports);
  }
  return out;
}

export class TaskDefinitionPorts {
  readonly #byArn = new Map<string, Promise<PortsByContainer>>();
  readonly #tickets = new Map<string, PriorityTicket>();
  /** Calls made so far (tests check one per revision). */
  calls = 0;

  constructor(private readonly gate: Limiter) {}

  /** Every revision still being read in the background becomes interactive (someone waits on a task's containers). */
  promoteAll(): void {
    let raised = false;
    for (const ticket of this.#tickets.values()) {
      if (ticket.priority === 'background') {
        ticket.priority = 'interactive';
        raised = true;
      }
    }
    if (raised) this.gate.reschedule();
  }

  /** The revision's ports; rejects when the call fails (not cached, so a later expand retries). */
  portsOf(ecs: ECSClient, taskDefinitionArn: string, priority: Priority = 'interactive'): Promise<PortsByContainer> {
    let p = this.#byArn.get(taskDefinitionArn);
    const queued = this.#tickets.get(taskDefinitionArn);
    if (p !== undefined && queued !== undefined && priority === 'interactive' && queued.priority === 'background') {
      queued.priority = 'interactive'; // someone waits on a prefetched revision now
      this.gate.reschedule();
    }
    if (p === undefined) {
      const ticket: PriorityTicket = { priority };
      this.#tickets.set(taskDefinitionArn, ticket);
      p = this.gate
        .run(async () => {
          this.calls++;
          const out = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinitionArn }));
          if (out.taskDefinition === undefined) throw new Error(`DescribeTaskDefinition returned nothing for ${taskDefinitionArn}`);
          return portsFromTaskDefinition(out.taskDefinition);
        }, ticket)
        .finally(() => this.#tickets.delete(taskDefinitionArn))
        .catch((err: unknown) => {
          this.#byArn.delete(taskDefinitionArn);
          throw err;
        });
      this.#byArn.set(taskDefinitionArn, p);
    }
    return p;
  }
}
