// `forwards`: local TCP port forwards to a port on a target (or a host reachable from it).
import { z } from 'zod';
import { lazySchema } from './lazy.js';
import { EmptySchema, EpochMsSchema, HelperWaitSchema, IdSchema, PlainErrorSchema, PortSchema, TargetLabelSchema, TargetRefSchema, TextSchema } from './common.js';
import { defineService, method } from './define.js';
import type { LocalBindProblem } from '../messages/forwards.js';
import { hostWithPort, hostWithPortText } from '../messages/remote-host.js';

/** Loopback by default; any literal IPv4/IPv6 address may be chosen deliberately (e.g. 0.0.0.0). */
export const BindAddressSchema = lazySchema(() => z.union([z.ipv4(), z.ipv6()]));
export const DEFAULT_BIND_ADDRESS = '127.0.0.1';

export const FORWARD_BOUNDS = {
  /** The longest DNS name (RFC 1035 §2.3.4, without the trailing dot). */
  REMOTE_HOST_MAX: 253,
  /** A label for a row in the panel, not a description. */
  NAME_MAX: 200,
} as const;

/** What a host name or an IP literal (v4, v6) is made of; anything else (spaces, ;) is refused before it reaches the agent. */
export const REMOTE_HOST_PATTERN = /^[A-Za-z0-9.:_-]+$/;

/** What a remote host is made of, as forwards saved before hosts with a port were refused may hold it. */
const RemoteHostTextSchema = lazySchema(() => z
  .string()
  .min(1)
  .max(FORWARD_BOUNDS.REMOTE_HOST_MAX)
  .regex(REMOTE_HOST_PATTERN, 'must be a host name or IP address'));

/** A DNS name or IP literal the target resolves (AWS-StartPortForwardingSessionToRemoteHost); never one with a port in it. */
export const RemoteHostSchema = lazySchema(() => RemoteHostTextSchema.superRefine((host, ctx) => {
  const split = hostWithPort(host);
  if (split !== null) ctx.addIssue({ code: 'custom', message: hostWithPortText(split, 'spec') });
}));

/**
 * What an ECS service name is made of (CreateService: up to 255 letters, numbers, hyphens and
 * underscores); anything else could never name a service, so it is refused before it is saved.
 */
export const SERVICE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * A forward to an ECS container that follows its service: each start and restart looks for a
 * running task of this service (in the target's cluster) whose container of the same name takes
 * ECS Exec, so a task replaced by a deploy, a crash or scaling takes the forward with it. Absent:
 * the forward stays on its one task, as forwards saved before this existed do.
 */
export const FollowServiceSchema = lazySchema(() => z.object({
  service: z.string().regex(SERVICE_NAME_PATTERN, 'must be an ECS service name (letters, numbers, - and _)'),
}).strict());
export type FollowService = z.infer<typeof FollowServiceSchema>;

/** The words refusing `follow` on a target that is not an ECS container (an instance has no service). */
export const FOLLOW_NEEDS_CONTAINER = 'only a forward to an ECS container can follow its service';

/** A forward's settings, its remote host checked by `remoteHost`. */
function forwardSpecSchema(remoteHost: typeof RemoteHostTextSchema) {
  return z.object({
    target: TargetRefSchema,
    targetLabel: TargetLabelSchema.optional(),
    remotePort: PortSchema,
    /** Absent: forward to the target itself; present: to this host through the target. */
    remoteHost: remoteHost.optional(),
    /** 'auto' lets the OS pick a free port; the bound port is reported in ForwardInfo.localPort. */
    localPort: z.union([PortSchema, z.literal('auto')]),
    bindAddress: BindAddressSchema.default(DEFAULT_BIND_ADDRESS),
    name: z.string().trim().min(1).max(FORWARD_BOUNDS.NAME_MAX).optional(),
    autoRestart: z.boolean().default(false),
    follow: FollowServiceSchema.optional(),
  }).superRefine((spec, ctx) => {
    if (spec.follow !== undefined && spec.target.kind !== 'ecs-container') ctx.addIssue({ code: 'custom', path: ['follow'], message: FOLLOW_NEEDS_CONTAINER });
  });
}

export const ForwardSpecSchema = lazySchema(() => forwardSpecSchema(RemoteHostSchema));
export type ForwardSpec = z.infer<typeof ForwardSpecSchema>;

/** A failure to listen locally: this computer's problem, not the target's (shared/messages/forwards LocalBindProblem). */
export const LocalBindProblemSchema = lazySchema(() => z.enum(['port-in-use', 'port-privileged', 'port-forbidden', 'address-not-local', 'bind-failed']) satisfies z.ZodType<LocalBindProblem>);

export const ForwardStateSchema = lazySchema(() => z.enum(['starting', 'listening', 'reconnecting', 'stopped', 'failed']));
export type ForwardState = z.infer<typeof ForwardStateSchema>;

/**
 * Local connections that failed on the target's side while the forward kept listening (other
 * connections may succeed later): how many since it started, and the last one.
 */
export const ConnectionErrorsSchema = lazySchema(() => z.object({
  count: z.number().int().nonnegative(),
  last: z
    .object({
      /** `nothing-listening`: the agent could not connect to the port (refused or unreachable). */
      kind: z.enum(['nothing-listening', 'other']),
      /** The agent's own words, for the details. */
      reason: TextSchema.min(1),
      at: EpochMsSchema,
    })
    .nullable(),
}));
export type ConnectionErrors = z.infer<typeof ConnectionErrorsSchema>;
export const NO_CONNECTION_ERRORS: ConnectionErrors = { count: 0, last: null };

export const ForwardInfoSchema = lazySchema(() => z.object({
  id: IdSchema,
  spec: ForwardSpecSchema,
  /** The port actually listening, null while not listening. */
  localPort: PortSchema.nullable(),
  /**
   * Where Start listens again: the port it last listened on (kept while stopped or failed; an
   * automatic port is asked for again), or its fixed port; null when it never listened on an
   * automatic one. Main keeps it, so a window opened or reloaded later still shows it.
   */
  lastLocalPort: PortSchema.nullable(),
  state: ForwardStateSchema,
  error: PlainErrorSchema.nullable(),
  connectionErrors: ConnectionErrorsSchema,
  /**
   * The saved forward this one is (saved from it, or started from it); absent when not saved. A
   * saved forward started again after its first forward was removed runs under a new id, so the
   * panel links the two by this, never by comparing ids.
   */
  savedId: IdSchema.optional(),
  /**
   * Why it could not listen on its local address, when that is why it failed (its `error` says it
   * in words): the edit form then puts the keyboard on the local port. Absent otherwise.
   */
  localBindProblem: LocalBindProblemSchema.optional(),
  /**
   * While its session start (a Start, or an automatic restart) waits on its profile's
   * credential_process: what it waits on, in words. Absent otherwise.
   */
  helperWait: HelperWaitSchema.optional(),
}));
export type ForwardInfo = z.infer<typeof ForwardInfoSchema>;

export const ForwardStatsSchema = lazySchema(() => z.object({
  id: IdSchema,
  state: ForwardStateSchema,
  connections: z.number().int().nonnegative(),
  /** Totals since the forward started: local → remote (up) and remote → local (down). */
  bytesUp: z.number().int().nonnegative(),
  bytesDown: z.number().int().nonnegative(),
  /** Recent rates in bytes per second. */
  rateUp: z.number().nonnegative(),
  rateDown: z.number().nonnegative(),
  error: PlainErrorSchema.nullable(),
  connectionErrors: ConnectionErrorsSchema,
}));
export type ForwardStats = z.infer<typeof ForwardStatsSchema>;

/**
 * A saved forward. Its spec is read as it was saved: one saved before a remote host with a port in
 * it was refused still loads (never set aside with the rest of the file), and `problem` says why it
 * cannot start and what to do; absent when it can start.
 */
export const SavedForwardSchema = lazySchema(() => z.object({
  savedId: IdSchema,
  spec: forwardSpecSchema(RemoteHostTextSchema),
  savedAt: z.number().int().nonnegative(),
  problem: TextSchema.optional(),
}));
export type SavedForward = z.infer<typeof SavedForwardSchema>;

const ById = lazySchema(() => z.object({ id: IdSchema }).strict());
const ForwardResult = lazySchema(() => z.object({ forward: ForwardInfoSchema }));

export const forwardsService = defineService({
  methods: {
    create: method(() => z.object({ spec: ForwardSpecSchema }).strict(), () => ForwardResult),
    /** With each forward's counters, so a page loaded later shows a stopped forward's last totals (stats events go only to running ones). */
    list: method(() => EmptySchema, () => z.object({ forwards: z.array(ForwardInfoSchema), stats: z.array(ForwardStatsSchema) })),
    stop: method(() => ById, () => ForwardResult),
    restart: method(() => ById, () => ForwardResult),
    remove: method(() => ById, () => EmptySchema),
    /**
     * New settings for a forward, same id: a running (or failed) one restarts on them, its old
     * port closed first; a stopped one stays stopped; a saved one's saved entry is updated in
     * place. A local port that is taken is refused and the forward left as it was.
     */
    edit: method(() => z.object({ id: IdSchema, spec: ForwardSpecSchema }).strict(), () => ForwardResult),
    setAutoRestart: method(() => z.object({ id: IdSchema, enabled: z.boolean() }).strict(), () => ForwardResult),
    /** Remembers a forward's spec so it can be restored in a later run. */
    save: method(() => ById, () => z.object({ saved: SavedForwardSchema })),
    saved: method(() => EmptySchema, () => z.object({ saved: z.array(SavedForwardSchema) })),
    restore: method(() => z.object({ savedId: IdSchema }).strict(), () => ForwardResult),
    forget: method(() => z.object({ savedId: IdSchema }).strict(), () => EmptySchema),
  },
  events: {
    stats: ForwardStatsSchema,
    /** A forward was created, changed state or was removed (null forward = removed). */
    updated: lazySchema(() => lazySchema(() => z.object({ id: IdSchema, forward: ForwardInfoSchema.nullable(), note: TextSchema.optional() }))),
  },
});
