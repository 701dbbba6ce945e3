/** Validation of the manager's forward spec (what `create` accepts). The manager keeps nothing on disk. */
import { z } from 'zod';
import type { ForwardSpec } from './types.js';

const targetSchema = z.union([
  z.object({ kind: z.literal('instance'), instanceId: z.string().min(1) }),
  z.object({ kind: z.literal('ecs'), cluster: z.string().min(1), taskId: z.string().min(1), runtimeId: z.string().min(1) }),
]);

export const ManagerSpecSchema = z.object({
  name: z.string().optional(),
  target: targetSchema,
  remotePort: z.number().int().min(1).max(65_535),
  remoteHost: z.string().min(1).optional(),
  ssh: z.boolean().optional(),
  localAddress: z.string().min(1).optional(),
  localPort: z.number().int().min(0).max(65_535).optional(),
  autoRestart: z.boolean().optional(),
  profile: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  follow: z.object({ service: z.string().min(1) }).optional(),
});

export function parseSpec(input: unknown): ForwardSpec {
  return ManagerSpecSchema.parse(input);
}
