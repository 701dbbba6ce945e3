/**
 * Where fault specs live: a default for new sessions plus one spec per session. The gateway
 * registers each live session as a `FaultTarget`; applying a spec to a live session changes its
 * knobs at once (frames already held keep their place) and runs its one-shot actions (queued
 * until the session is live).
 */
import { z } from 'zod';
import { FaultControlSchema, FaultSpecSchema, type FaultAction, type FaultSpec, type FaultSpecInput } from './spec.js';

/** What the gateway exposes per live session so faults can act on it. */
export interface FaultTarget {
  /** The session's knobs changed: apply them to frames from now on, losing none held. */
  reconfigure(spec: FaultSpec): void;
  /** Runs one action now. */
  run(action: FaultAction): void;
}

export type FaultApplyResult =
  | { ok: true; scope: 'default' | 'session'; sessionId?: string; actionsRun: number; actionsQueued: number }
  | { ok: false; error: string };

export class FaultController {
  private defaultSpec: FaultSpec | undefined;
  private readonly specs = new Map<string, FaultSpec>();
  private readonly targets = new Map<string, FaultTarget>();
  private readonly pendingActions = new Map<string, FaultAction[]>();

  /** Spec applied to sessions that go live after this call (undefined clears it). */
  setDefault(spec: FaultSpecInput | undefined): void {
    this.defaultSpec = spec === undefined ? undefined : FaultSpecSchema.parse(spec);
  }

  /** Sets a session's knobs and runs (or queues) its actions. Throws a ZodError on a bad spec. */
  set(sessionId: string, input: FaultSpecInput): FaultApplyResult {
    const spec = FaultSpecSchema.parse(input);
    this.specs.set(sessionId, spec);
    const target = this.targets.get(sessionId);
    if (!target) {
      this.pendingActions.set(sessionId, [...(this.pendingActions.get(sessionId) ?? []), ...spec.actions]);
      return { ok: true, scope: 'session', sessionId, actionsRun: 0, actionsQueued: spec.actions.length };
    }
    target.reconfigure(spec);
    for (const a of spec.actions) target.run(a);
    return { ok: true, scope: 'session', sessionId, actionsRun: spec.actions.length, actionsQueued: 0 };
  }

  /** The JSON control entry point (for the API's HTTP endpoint): validates, never throws. */
  apply(json: unknown): FaultApplyResult {
    const parsed = FaultControlSchema.safeParse(json);
    if (!parsed.success) return { ok: false, error: `invalid fault spec: ${z.prettifyError(parsed.error)}` };
    const c = parsed.data;
    if ('default' in c) {
      this.defaultSpec = c.faults;
      return { ok: true, scope: 'default', actionsRun: 0, actionsQueued: 0 };
    }
    return this.set(c.sessionId, c.faults);
  }

  /** The knobs currently in force for a session (its own, else the default). */
  specFor(sessionId: string): FaultSpec | undefined {
    return this.specs.get(sessionId) ?? this.defaultSpec;
  }

  /** Called by the gateway when a session goes live; returns the unregister function. */
  register(sessionId: string, target: FaultTarget): () => void {
    this.targets.set(sessionId, target);
    if (!this.specs.has(sessionId) && this.defaultSpec) {
      this.specs.set(sessionId, this.defaultSpec);
      this.pendingActions.set(sessionId, [...this.defaultSpec.actions]);
    }
    const spec = this.specs.get(sessionId);
    if (spec) target.reconfigure(spec);
    const queued = this.pendingActions.get(sessionId) ?? [];
    this.pendingActions.delete(sessionId);
    for (const a of queued) target.run(a);
    return () => {
      if (this.targets.get(sessionId) === target) this.targets.delete(sessionId);
    };
  }

  /** Forgets a session's spec (and the default too when no id is given). */
  clear(sessionId?: string): void {
    if (sessionId === undefined) {
      this.defaultSpec = undefined;
      this.specs.clear();
      this.pendingActions.clear();
      for (const t of this.targets.values()) t.reconfigure(FaultSpecSchema.parse({}));
      return;
    }
    this.specs.delete(sessionId);
    this.pendingActions.delete(sessionId);
    this.targets.get(sessionId)?.reconfigure(FaultSpecSchema.parse({}));
  }
}
