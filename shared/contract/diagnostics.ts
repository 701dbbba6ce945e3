// `diagnostics`: why a shell or forward to a target may fail (ECS Exec checker-style checks).
import { z } from 'zod';
import { lazySchema } from './lazy.js';
import { EcsContainerRefSchema, HelperWaitSchema, IdSchema, InstanceRefSchema, TextSchema } from './common.js';
import { defineService, method } from './define.js';

export const CheckStatusSchema = lazySchema(() => z.enum(['ok', 'warn', 'fail']));
export type CheckStatus = z.infer<typeof CheckStatusSchema>;

export const CheckSchema = lazySchema(() => z.object({
  /** Stable id for the check ("task-running", "exec-agent", "iam-ssmmessages"). */
  id: z.string().min(1).max(100),
  title: TextSchema.min(1),
  status: CheckStatusSchema,
  /** What was found, in plain words. */
  cause: TextSchema,
  /** What to do about it; empty when status is ok. */
  nextStep: TextSchema,
}));
export type Check = z.infer<typeof CheckSchema>;

/**
 * What can be diagnosed: any target, and also a container that has no runtime id yet (ECS Exec
 * cannot target it, which is exactly when a diagnosis helps).
 */
export const DiagnosisTargetSchema = lazySchema(() => z.discriminatedUnion('kind', [EcsContainerRefSchema.extend({ runtimeId: TextSchema.min(1).nullable() }), InstanceRefSchema]));
export type DiagnosisTarget = z.infer<typeof DiagnosisTargetSchema>;

export const diagnosticsService = defineService({
  methods: {
    /**
     * `runKey`: the caller's name for this run while it runs; the `waiting` events of the run carry
     * it (its checks waiting on the profile's credential_process, e.g. a browser sign-in).
     */
    run: method(() => z.object({ target: DiagnosisTargetSchema, runKey: IdSchema.optional() }).strict(), () => z.object({ checks: z.array(CheckSchema) })),
  },
  events: {
    /**
     * To the window running it: the run with `runKey` waits on the profile's credential_process
     * (`helperWait`, the words a shell tab says), or no longer does (null).
     */
    waiting: lazySchema(() => z.object({ runKey: IdSchema, helperWait: HelperWaitSchema.nullable() }).strict()),
  },
});
