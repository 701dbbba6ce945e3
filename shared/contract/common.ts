// Building blocks every contract area shares: identifiers, targets and plain-words errors.
// The control plane is JSON-safe (strings, numbers, booleans, arrays, objects): terminal and
// frame bytes never travel in it, only in the data plane.
import { z } from 'zod';
import { lazySchema } from './lazy.js';

export const CONTRACT_LIMITS = {
  /** Session and forward ids travel in binary data-plane headers as ASCII with a 1-byte length. */
  MAX_ID_LENGTH: 128,
  /** ARNs run to ~300 characters; inventory node ids embed a few of them. */
  MAX_NODE_ID_LENGTH: 2048,
  /** Labels, titles, reasons: long enough for any AWS name, short enough to never flood a UI row. */
  MAX_TEXT_LENGTH: 4096,
  /** Profile names in ~/.aws/config are short in practice; this is a sanity bound. */
  MAX_PROFILE_LENGTH: 256,
} as const;

/** What an id may be, in the words a rejection uses (the binary decoder checks ids by hand with the same rule and words). */
export const ID_RULE = {
  /** The characters an id may hold, as a regular-expression class. */
  CHARACTER_CLASS: 'A-Za-z0-9._:-',
  EMPTY: 'must not be empty',
  TOO_LONG: `must be at most ${CONTRACT_LIMITS.MAX_ID_LENGTH} characters`,
  CHARACTERS: 'may contain only letters, digits and . _ : -',
} as const;

/** Ids chosen by main for sessions, forwards and prompts: ASCII only so the binary header stays trivial. */
export const IdSchema = lazySchema(() => z
  .string()
  .min(1, ID_RULE.EMPTY)
  .max(CONTRACT_LIMITS.MAX_ID_LENGTH, ID_RULE.TOO_LONG)
  .regex(new RegExp(`^[${ID_RULE.CHARACTER_CLASS}]+$`), ID_RULE.CHARACTERS));
export type Id = z.infer<typeof IdSchema>;

export const TextSchema = lazySchema(() => z.string().max(CONTRACT_LIMITS.MAX_TEXT_LENGTH));

/**
 * What a start, transfer or diagnosis is waiting on while a profile's credential_process runs (a
 * browser sign-in, a key touch), in the words a shell tab says it: never more than words, never
 * anything the helper printed.
 */
export const HelperWaitSchema = lazySchema(() => TextSchema.min(1));

export const ProfileNameSchema = lazySchema(() => z.string().min(1).max(CONTRACT_LIMITS.MAX_PROFILE_LENGTH));

/** AWS region names: two or more lowercase words and a number (us-east-1, us-gov-west-1, eu-central-2). */
export const RegionSchema = lazySchema(() => z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'is not an AWS region name like us-east-1'));

export const PortSchema = lazySchema(() => z.number().int().min(1).max(65535));

/** Milliseconds since the Unix epoch. */
export const EpochMsSchema = lazySchema(() => z.number().int().nonnegative());

/**
 * What a failed AWS call looked like on the wire, for the expandable "details" of an error:
 * which call, where, the HTTP status, AWS's request id and error code, and the start of the raw
 * answer. Never credentials: main builds it from the response and the request's URL only.
 */
export const ErrorDetailsSchema = lazySchema(() => z.object({
  /** e.g. `ECS ListClusters`. */
  operation: TextSchema.optional(),
  /** Scheme, host and port the request went to (no path or query string). */
  endpoint: TextSchema.optional(),
  status: z.number().int().min(100).max(599).optional(),
  requestId: TextSchema.optional(),
  /** AWS's error code (`AccessDeniedException`, `AccessDenied`), when the answer named one. */
  code: TextSchema.optional(),
  /** The answer's body or the error's own text, trimmed. */
  raw: TextSchema.optional(),
}));
export type ErrorDetails = z.infer<typeof ErrorDetailsSchema>;

/** An error told in plain words: what happened, why (if known) and what to do next. */
export const PlainErrorSchema = lazySchema(() => z.object({
  message: TextSchema.min(1),
  cause: TextSchema.optional(),
  nextStep: TextSchema.optional(),
  details: ErrorDetailsSchema.optional(),
}));
export type PlainError = z.infer<typeof PlainErrorSchema>;

/** A running ECS container reachable through ECS Exec (target `ecs:<cluster>_<taskId>_<runtimeId>`). */
export const EcsContainerRefSchema = lazySchema(() => z.object({
  kind: z.literal('ecs-container'),
  profile: ProfileNameSchema,
  region: RegionSchema,
  cluster: TextSchema.min(1),
  taskArn: TextSchema.min(1),
  containerName: TextSchema.min(1),
  runtimeId: TextSchema.min(1),
}));
export type EcsContainerRef = z.infer<typeof EcsContainerRefSchema>;

/** An EC2 instance or other SSM managed node (i-…, mi-…). */
export const InstanceRefSchema = lazySchema(() => z.object({
  kind: z.literal('instance'),
  profile: ProfileNameSchema,
  region: RegionSchema,
  instanceId: z.string().regex(/^(i|mi)-[0-9a-f]{8,17}$/, 'is not an instance id like i-0123456789abcdef0'),
}));
export type InstanceRef = z.infer<typeof InstanceRefSchema>;

/** Anything Porthole can open a shell, a forward or a diagnosis against. */
export const TargetRefSchema = lazySchema(() => z.discriminatedUnion('kind', [EcsContainerRefSchema, InstanceRefSchema]));
export type TargetRef = z.infer<typeof TargetRefSchema>;

/** Methods without inputs take an empty object, so every request has the same shape. */
export const EmptySchema = lazySchema(() => z.object({}).strict());

/**
 * The target as the tree named it when the forward was made: its name ("app", "bastion") and where
 * it is ("demo-web › web › task 0001"). Kept with a forward's spec so the panel names a saved forward
 * before the tree has loaded its region, and with a transfer so its failure names the target as
 * the person picked it; ids stand in when absent.
 */
export const TargetLabelSchema = lazySchema(() => z.object({
  name: TextSchema.min(1).max(200),
  path: TextSchema.max(1000),
}));
export type TargetLabel = z.infer<typeof TargetLabelSchema>;
