/**
 * A service as the sandbox runs it: the world's declaration, and what changes while it runs (its
 * desiredCount after UpdateService, the events its scheduler recorded). The world file itself is
 * never changed: several sandboxes may share one.
 */
import { randomUUID } from 'node:crypto';
import type { ServiceSpec } from './schema.js';

/** One entry of DescribeServices' `events`. */
export interface ServiceEvent {
  readonly id: string;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly message: string;
}

/** ECS keeps a service's 100 most recent events (DescribeServices returns them newest first). */
export const SERVICE_EVENTS_KEPT = 100;

export class ServiceEntry {
  /** Its desiredCount: the world's, until UpdateService changes it. */
  desiredCount: number;
  /** Newest first, at most SERVICE_EVENTS_KEPT. */
  private readonly recorded: ServiceEvent[] = [];
  /** Whether the scheduler already has a look at this service's task count coming (service-scheduler.ts). */
  reconcileDue = false;

  constructor(readonly spec: ServiceSpec) {
    this.desiredCount = spec.desiredCount;
  }

  get name(): string {
    return this.spec.name;
  }

  get events(): readonly ServiceEvent[] {
    return this.recorded;
  }

  /** Records an event in ECS's words, e.g. "(service web) has started 1 tasks: (task 0123…)." */
  record(message: string, now: number): void {
    this.recorded.unshift({ id: randomUUID(), createdAt: now, message });
    this.recorded.length = Math.min(this.recorded.length, SERVICE_EVENTS_KEPT);
  }
}
