// `inventory`: the tree of profiles → regions → clusters → services → tasks → containers, and
// region → instances. Node ids are opaque strings minted by main; the renderer only hands them back.
import { z } from 'zod';
import { lazySchema } from './lazy.js';
import { CONTRACT_LIMITS, EmptySchema, PlainErrorSchema, ProfileNameSchema, RegionSchema, TextSchema } from './common.js';
import { defineService, method } from './define.js';

export const NodeIdSchema = lazySchema(() => z.string().min(1).max(CONTRACT_LIMITS.MAX_NODE_ID_LENGTH));

/**
 * The reserved parent id whose children are the profiles: `children({ parentId: INVENTORY_ROOT_ID })`.
 * No node id main mints can equal it (those are `<kind>:<json>`).
 */
export const INVENTORY_ROOT_ID = 'root';

/** Where a profile came from; `sandbox` is the local emulated AWS offered when no credentials exist. */
export const ProfileSourceSchema = lazySchema(() => z.enum(['config', 'credentials', 'environment', 'sso', 'sandbox']));

export const ProfileSchema = lazySchema(() => z.object({
  name: ProfileNameSchema,
  source: ProfileSourceSchema,
  defaultRegion: RegionSchema.nullable(),
  /** True when using it will raise an MFA prompt (an assume-role profile with mfa_serial). */
  needsMfa: z.boolean(),
}));
export type Profile = z.infer<typeof ProfileSchema>;

const NodeBase = lazySchema(() => z.object({ id: NodeIdSchema, label: TextSchema.min(1), profile: ProfileNameSchema }));
const InRegion = lazySchema(() => NodeBase.extend({ region: RegionSchema }));

/** AWS enums are open-ended; known values are listed for the UI, anything else still passes as text. */
const awsEnum = <const T extends readonly [string, ...string[]]>(values: T) => z.union([z.enum(values), TextSchema]);

export const LaunchTypeSchema = lazySchema(() => awsEnum(['FARGATE', 'EC2', 'EXTERNAL', 'MANAGED_INSTANCES']).nullable());

export const ProfileNodeSchema = lazySchema(() => NodeBase.extend({
  kind: z.literal('profile'),
  source: ProfileSourceSchema,
  /** The profile AWS_PROFILE names (or `default` without it): marked, listed first, opened at start. Optional: older hosts do not send it. */
  isDefault: z.boolean().optional(),
  /** True for an SSO profile, which can be signed in from the app. Optional: older hosts do not send it. */
  sso: z.boolean().optional(),
}));
export const RegionNodeSchema = lazySchema(() => InRegion.extend({
  kind: z.literal('region'),
  /** The region came from AWS_REGION (applied, as the CLI does, to the AWS_PROFILE/default profile only). */
  fromEnv: z.boolean().optional(),
}));
export const ClusterNodeSchema = lazySchema(() => InRegion.extend({
  kind: z.literal('cluster'),
  clusterArn: TextSchema.min(1),
  status: TextSchema,
  runningTasks: z.number().int().nonnegative(),
  activeServices: z.number().int().nonnegative(),
}));
export const ServiceNodeSchema = lazySchema(() => InRegion.extend({
  kind: z.literal('service'),
  clusterArn: TextSchema.min(1),
  serviceArn: TextSchema.min(1),
  status: TextSchema,
  desiredCount: z.number().int().nonnegative(),
  runningCount: z.number().int().nonnegative(),
  launchType: LaunchTypeSchema,
  execEnabled: z.boolean(),
}));
/** A port the container's task definition maps (portMappings), as the tree shows it. */
export const ContainerPortSchema = lazySchema(() => z.object({
  containerPort: z.number().int().min(0).max(65535),
  protocol: awsEnum(['tcp', 'udp']),
}));
export type ContainerPort = z.infer<typeof ContainerPortSchema>;

export const TaskNodeSchema = lazySchema(() => InRegion.extend({
  kind: z.literal('task'),
  clusterArn: TextSchema.min(1),
  taskArn: TextSchema.min(1),
  lastStatus: awsEnum(['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']),
  desiredStatus: TextSchema,
  launchType: LaunchTypeSchema,
  execEnabled: z.boolean(),
  platformVersion: TextSchema.nullable(),
  startedAt: z.number().int().nonnegative().nullable(),
  /** Task definition as `family:revision`; null when unknown. Optional: older hosts do not send it. */
  taskDefinition: TextSchema.min(1).nullable().optional(),
}));
export const ContainerNodeSchema = lazySchema(() => InRegion.extend({
  kind: z.literal('container'),
  clusterArn: TextSchema.min(1),
  taskArn: TextSchema.min(1),
  name: TextSchema.min(1),
  /** Docker runtime id; needed for the ECS Exec target, null until the container has started. */
  runtimeId: TextSchema.nullable(),
  lastStatus: TextSchema,
  /** Whether the task was started with execute command. Optional: older hosts do not send it. */
  execEnabled: z.boolean().optional(),
  /**
   * Its task's desiredStatus: STOPPED once ECS is stopping the task, while its containers still run
   * through SIGTERM; no new session then. Optional: older hosts do not send it.
   */
  taskDesiredStatus: TextSchema.optional(),
  /** managedAgents[ExecuteCommandAgent].lastStatus, null when the agent is not present. */
  execAgentStatus: awsEnum(['PENDING', 'RUNNING', 'STOPPED']).nullable(),
  image: TextSchema.nullable(),
  /**
   * Ports from the task definition's portMappings ([] when it maps none); null when the task
   * definition could not be read. Optional: older hosts do not send it.
   */
  ports: z.array(ContainerPortSchema).nullable().optional(),
}));
export const InstanceNodeSchema = lazySchema(() => InRegion.extend({
  kind: z.literal('instance'),
  instanceId: TextSchema.min(1),
  /** The Name tag, null when untagged. */
  name: TextSchema.nullable(),
  /** SSM PingStatus; null when SSM does not know the instance (agent missing or no role). */
  pingStatus: awsEnum(['Online', 'ConnectionLost', 'Inactive']).nullable(),
  platform: awsEnum(['Linux', 'Windows', 'MacOS']).nullable(),
  state: TextSchema,
}));

export const InventoryNodeSchema = lazySchema(() => z.discriminatedUnion('kind', [
  ProfileNodeSchema,
  RegionNodeSchema,
  ClusterNodeSchema,
  ServiceNodeSchema,
  TaskNodeSchema,
  ContainerNodeSchema,
  InstanceNodeSchema,
]));
export type InventoryNode = z.infer<typeof InventoryNodeSchema>;

/**
 * One part of a node's children that could not be listed while the rest could (a region's ECS
 * clusters denied while its instances loaded). Shown on the branch, with Retry, until a reload succeeds.
 */
export const LoadProblemSchema = lazySchema(() => z.object({
  /** Which part: `clusters`, `instances`, `instance-names` (under a region); `services`, `tasks` (under a cluster). */
  part: z.string().min(1).max(64),
  /** What is missing, in words: "ECS clusters". */
  what: TextSchema.min(1),
  error: PlainErrorSchema,
}));
export type LoadProblem = z.infer<typeof LoadProblemSchema>;

/**
 * A loaded branch whose latest background refresh (the live tree's poll) failed: what it shows is
 * as of `since`, and may no longer be true. Cleared (null) by the next listing that succeeds.
 */
export const StaleSchema = lazySchema(() => z.object({
  /** When the branch's children were last listed successfully, epoch milliseconds. */
  since: z.number().int().nonnegative(),
  /** Why the latest refresh failed. */
  error: PlainErrorSchema,
}));
export type Stale = z.infer<typeof StaleSchema>;

/**
 * The branches a refresh reloaded that failed (each also shows its error on its node): how many,
 * and the first one's error, so "Refresh everything" can say it did not all work.
 */
export const RefreshFailuresSchema = lazySchema(() => z.object({
  count: z.number().int().min(1),
  first: PlainErrorSchema,
}).strict());
export type RefreshFailures = z.infer<typeof RefreshFailuresSchema>;

/**
 * Open nodes a window may name in one `watch`: more than a person can have open and look at, and
 * a bound on what a bad caller makes main hold.
 */
export const MAX_WATCHED_NODES = 500;

/** At most this many config findings travel (the last says how many more there are): a broken file must not flood the tree. */
export const MAX_CONFIG_FINDINGS = 50;

/**
 * Something in the AWS config or credentials file that makes a profile, or some of its settings,
 * disappear (a header without its closing ']', a line without '=', a file that cannot be read).
 * Shown above the profiles until the file is fixed. Never carries a setting's value.
 */
export const ConfigFindingSchema = lazySchema(() => z.object({
  /** The file as the person knows it: `~/.aws/config`, or the full path AWS_CONFIG_FILE names. */
  file: TextSchema.min(1),
  /** 1-based line, null when the finding is about the whole file. */
  line: z.number().int().positive().nullable(),
  /** The profile it affects, null when it affects none in particular. */
  profile: ProfileNameSchema.nullable(),
  /** What is wrong: "'[profile prod' has no closing ']'". */
  problem: TextSchema.min(1),
  /** What it means: "profile prod is not listed, and the 2 settings under it are ignored". */
  effect: TextSchema.min(1),
  /** How to fix it: "Write '[profile prod]'." */
  fix: TextSchema.min(1),
}));
export type ConfigFinding = z.infer<typeof ConfigFindingSchema>;

/** The findings of the last read of the shared files: sent with the tree's root (the profiles) only. */
const ConfigFindingsSchema = lazySchema(() => z.array(ConfigFindingSchema).max(MAX_CONFIG_FINDINGS));

const NodesResult = lazySchema(() => z.object({
  nodes: z.array(InventoryNodeSchema),
  problems: z.array(LoadProblemSchema).optional(),
  /** Root only: what is wrong in the AWS config files the profiles were read from. Optional: older hosts do not send it. */
  configFindings: ConfigFindingsSchema.optional(),
  /** Set when the children are stale (their latest background refresh failed). Optional: older hosts do not send it. */
  stale: StaleSchema.optional(),
}));

export const inventoryService = defineService({
  methods: {
    profiles: method(
      () => EmptySchema,
      () => z.object({
        profiles: z.array(ProfileSchema),
        /** False when no profile, environment or SSO credentials were found at all. */
        credentialsFound: z.boolean(),
        /** The sandbox is offered (and listed as a profile) when no credentials were found. */
        sandboxOffered: z.boolean(),
      }),
    ),
    /** Children of a node: profile → regions → clusters (and instances) → services → tasks → containers. */
    children: method(() => z.object({ parentId: NodeIdSchema }).strict(), () => NodesResult),
    /**
     * Drop cached children under a node (or everything) and reload them; `changed` events follow.
     * `failures`: the reloaded branches that failed, when any did. Optional: older hosts do not send it.
     */
    refresh: method(
      () => z.object({ nodeId: NodeIdSchema.nullable() }).strict(),
      () => z.object({ failures: RefreshFailuresSchema.optional() }).strict(),
    ),
    /**
     * The nodes this window has open, and whether it is shown: main polls them in the background
     * (never while hidden) and sends `changed` only when what they list changed. Replaces the
     * window's previous watch.
     */
    watch: method(
      () => z.object({ nodeIds: z.array(NodeIdSchema).max(MAX_WATCHED_NODES), visible: z.boolean() }).strict(),
      () => EmptySchema,
    ),
    /** Matches among already-loaded nodes, each with the ids of its ancestors so the tree can reveal it. */
    filter: method(
      () => z.object({ query: TextSchema }).strict(),
      () => z.object({ matches: z.array(z.object({ node: InventoryNodeSchema, ancestors: z.array(NodeIdSchema) })) }),
    ),
  },
  events: {
    /** Loading progress, in plain words ("Listing tasks in prod-cluster (2 of 5)"). */
    progress: lazySchema(() => lazySchema(() => z.object({
      nodeId: NodeIdSchema.nullable(),
      message: TextSchema.min(1),
      done: z.boolean(),
      /** SDK retries so far of the call the message is about (0 or absent: none). */
      retries: z.number().int().nonnegative().optional(),
    }))),
    /** A load failed; the tree shows it on the node instead of the children. */
    error: lazySchema(() => lazySchema(() => z.object({ nodeId: NodeIdSchema.nullable(), error: PlainErrorSchema }))),
    /** A node's children changed (after refresh or a background poll). */
    changed: lazySchema(() => lazySchema(() => z.object({ parentId: NodeIdSchema, nodes: z.array(InventoryNodeSchema), problems: z.array(LoadProblemSchema).optional(), configFindings: ConfigFindingsSchema.optional() }))),
    /** A branch's children became stale (a background refresh failed), or fresh again (null). */
    stale: lazySchema(() => lazySchema(() => z.object({ parentId: NodeIdSchema, stale: StaleSchema.nullable() }))),
  },
});
