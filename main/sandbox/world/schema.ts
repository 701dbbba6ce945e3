/**
 * The sandbox world file: what the emulated AWS contains. Validated with zod so a hand-written
 * world fails with the path of the bad field, not a crash deep inside a request handler.
 */
import { z } from 'zod';

/** What a declared port runs (targets/ starts a real loopback server of this kind on demand). */
export const PortKind = z.enum(['http', 'echo']);

export const PortSpec = z.object({
  port: z.number().int().min(1).max(65535),
  /** `http` answers with identifying text, `/large` and `/echo`; `echo` echoes raw TCP bytes. */
  kind: PortKind.default('http'),
});

export const AgentStatus = z.enum(['RUNNING', 'PENDING', 'STOPPED']);

export const ContainerDefinition = z.object({
  name: z.string().min(1),
  image: z.string().default('public.ecr.aws/docker/library/alpine:latest'),
  cpu: z.number().int().nonnegative().default(0),
  memory: z.number().int().positive().optional(),
  essential: z.boolean().default(true),
  readonlyRootFilesystem: z.boolean().default(false),
  initProcessEnabled: z.boolean().default(true),
  /**
   * Seconds ECS waits after SIGTERM before it SIGKILLs the container (ContainerDefinition.stopTimeout,
   * at most 120 s on Fargate); absent: the sandbox's shortened stand-in for ECS's 30 s default
   * (TASK_STOPPING.stopTimeoutMs).
   */
  stopTimeout: z.number().int().min(0).max(120).optional(),
  containerPorts: z.array(z.number().int().min(1).max(65535)).default([]),
  environment: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
});

export const TaskDefinition = z.object({
  family: z.string().min(1),
  revision: z.number().int().positive().default(1),
  cpu: z.string().default('256'),
  memory: z.string().default('512'),
  networkMode: z.enum(['awsvpc', 'bridge', 'host', 'none']).default('awsvpc'),
  requiresCompatibilities: z.array(z.enum(['FARGATE', 'EC2', 'EXTERNAL'])).default(['FARGATE']),
  taskRoleArn: z.string().optional(),
  executionRoleArn: z.string().optional(),
  pidMode: z.enum(['host', 'task']).optional(),
  containers: z.array(ContainerDefinition).min(1),
});

/** Runtime state of one container of a task; `name` refers to a container of the task definition. */
export const Container = z.object({
  name: z.string().min(1),
  /** Docker id as ECS reports it; derived from the task id when omitted. */
  runtimeId: z.string().optional(),
  lastStatus: z.enum(['PENDING', 'RUNNING', 'STOPPED']).optional(),
  /** ExecuteCommandAgent state; `null` = no managed agent at all (exec never set up). */
  agent: AgentStatus.nullable().default('RUNNING'),
  agentReason: z.string().optional(),
  /** SSM agent version inside the container (drives basic vs mux port mode, spec §8.1). */
  agentVersion: z.string().optional(),
  ports: z.array(PortSpec).default([]),
});

export const TaskStatus = z.enum(['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);

export const Task = z.object({
  /** 32 hex chars like ECS's own task ids. */
  id: z.string().regex(/^[0-9a-f]{32}$/, 'task id must be 32 lowercase hex characters'),
  service: z.string().optional(),
  taskDefinition: z.string().regex(/^[A-Za-z0-9_-]+:\d+$/, 'taskDefinition must be family:revision'),
  lastStatus: TaskStatus.default('RUNNING'),
  desiredStatus: z.enum(['RUNNING', 'PENDING', 'STOPPED']).optional(),
  stoppedReason: z.string().optional(),
  /** Why a STOPPED task stopped, as DescribeTasks's stopCode (default EssentialContainerExited). */
  stopCode: z.enum(['TaskFailedToStart', 'EssentialContainerExited', 'UserInitiated', 'ServiceSchedulerInitiated', 'SpotInterruption', 'TerminationNotice']).optional(),
  /** ISO time a STOPPED task stopped (default a minute after it started). */
  stoppedAt: z.string().optional(),
  launchType: z.enum(['FARGATE', 'EC2', 'EXTERNAL']).default('FARGATE'),
  platformVersion: z.string().optional(),
  enableExecuteCommand: z.boolean().default(true),
  availabilityZone: z.string().optional(),
  startedAt: z.string().optional(),
  /** EC2/EXTERNAL launch types: id of a container instance of the same cluster (its ECS agent version). */
  containerInstance: z.string().optional(),
  containers: z.array(Container).min(1),
});

/** An EC2 host registered to a cluster; diagnostics read its ECS agent version (exec needs ≥ 1.50.2). */
export const ContainerInstance = z.object({
  /** 32 hex chars like ECS's own container instance ids. */
  id: z.string().regex(/^[0-9a-f]{32}$/, 'container instance id must be 32 lowercase hex characters'),
  /** Derived from the id when omitted. */
  ec2InstanceId: z.string().regex(/^i-[0-9a-f]{8,17}$/, 'ec2InstanceId must look like i-0123456789abcdef0').optional(),
  agentVersion: z.string().default('1.88.0'),
  status: z.enum(['ACTIVE', 'DRAINING', 'INACTIVE']).default('ACTIVE'),
  agentConnected: z.boolean().default(true),
});

export const Service = z.object({
  name: z.string().min(1),
  taskDefinition: z.string(),
  desiredCount: z.number().int().nonnegative().default(1),
  launchType: z.enum(['FARGATE', 'EC2', 'EXTERNAL']).default('FARGATE'),
  platformVersion: z.string().optional(),
  enableExecuteCommand: z.boolean().default(true),
});

export const Cluster = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, 'cluster name: letters, digits, hyphens, underscores'),
  /** executeCommandConfiguration: a KMS key makes exec sessions encrypted (spec §6.1). */
  execKmsKeyId: z.string().optional(),
  execLogging: z.enum(['NONE', 'DEFAULT', 'OVERRIDE']).default('DEFAULT'),
  services: z.array(Service).default([]),
  containerInstances: z.array(ContainerInstance).default([]),
  tasks: z.array(Task).default([]),
});

export const Instance = z.object({
  id: z.string().regex(/^(i|mi)-[0-9a-f]{8,17}$/, 'instance id must look like i-0123456789abcdef0'),
  name: z.string().optional(),
  state: z.enum(['pending', 'running', 'stopping', 'stopped', 'terminated']).default('running'),
  pingStatus: z.enum(['Online', 'ConnectionLost', 'Inactive']).default('Online'),
  platformType: z.enum(['Linux', 'Windows', 'MacOS']).default('Linux'),
  platformName: z.string().default('Amazon Linux'),
  platformVersion: z.string().default('2023'),
  computerName: z.string().optional(),
  agentVersion: z.string().default('3.3.987.0'),
  instanceType: z.string().default('t3.micro'),
  privateIpAddress: z.string().default('10.0.1.10'),
  availabilityZone: z.string().optional(),
  kmsKeyId: z.string().optional(),
  ports: z.array(PortSpec).default([]),
});

/**
 * A hybrid node (mi-…, registered with an SSM activation: on-premises or another cloud) is a
 * ManagedInstance that only SSM knows; EC2 has no record of it. Every other instance is EC2's.
 */
export function isHybrid(i: { readonly id: string }): boolean {
  return i.id.startsWith('mi-');
}

export const KmsKey = z.object({
  /** A key id (uuid-like); ARNs and `alias/<alias>` resolve to it. */
  id: z.string().min(1),
  alias: z.string().optional(),
});

/** AWS's upper bound for the maximum session duration preference: 24 hours, in minutes. */
export const MAX_SESSION_DURATION_MINUTES = 1440;

/** AWS's bounds for the idle session timeout preference, in minutes. */
export const IDLE_SESSION_TIMEOUT_MINUTES = { min: 1, max: 60 } as const;

/**
 * Session Manager preferences of a region (AWS keeps them per account and region, in the
 * SSM-SessionManagerRunShell document). Modelled: the maximum session duration (minutes, 1–1440 as
 * AWS allows; absent means no limit, AWS's default) and the idle session timeout (minutes, 1–60;
 * absent means AWS's default of 20, see session-limits.ts).
 */
export const SessionPreferences = z.object({
  maxSessionDuration: z.number().int().min(1).max(MAX_SESSION_DURATION_MINUTES).optional(),
  idleSessionTimeout: z.number().int().min(IDLE_SESSION_TIMEOUT_MINUTES.min).max(IDLE_SESSION_TIMEOUT_MINUTES.max).optional(),
});

export const Region = z.object({
  name: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'region must look like us-east-1'),
  sessionPreferences: SessionPreferences.default({}),
  taskDefinitions: z.array(TaskDefinition).default([]),
  clusters: z.array(Cluster).default([]),
  instances: z.array(Instance).default([]),
  kmsKeys: z.array(KmsKey).default([]),
});

/**
 * An IAM role as the policy simulator and STS see it: identity-policy actions allowed and
 * explicitly denied (IAM wildcards `*` and `?`; resources and conditions are not modelled).
 */
export const Role = z.object({
  name: z.string().regex(/^[\w+=,.@-]{1,64}$/, 'role name: letters, digits and +=,.@_-'),
  allow: z.array(z.string()).default([]),
  deny: z.array(z.string()).default([]),
  /** The trust policy demands MFA (aws:MultiFactorAuthPresent): AssumeRole needs SerialNumber + TokenCode. */
  requireMfa: z.boolean().default(false),
  /** Longest AssumeRole DurationSeconds the role accepts (IAM MaxSessionDuration, 1 to 12 hours). */
  maxSessionSeconds: z.number().int().min(3600).max(43200).default(3600),
});

/** A virtual MFA device of the account's user. The sandbox accepts one fixed code: a TOTP would make tests depend on the clock. */
export const MfaDevice = z.object({
  name: z.string().min(1),
  code: z.string().regex(/^\d{6}$/, 'MFA code must be 6 digits'),
});

export const Account = z.object({
  id: z.string().regex(/^\d{12}$/, 'account id must be 12 digits'),
  /** IAM user name used in the caller ARN and session ids. */
  userName: z.string().default('porthole-dev'),
  /** Access key ids that select this account; the first account also takes any unknown key. */
  accessKeyIds: z.array(z.string()).default([]),
  /** IAM is global: roles belong to the account, not a region. A task role not listed here is not simulated. */
  roles: z.array(Role).default([]),
  mfaDevices: z.array(MfaDevice).default([]),
  regions: z.array(Region).min(1),
});

/** A remote host reachable from every target (AWS-StartPortForwardingSessionToRemoteHost). */
export const RemoteHost = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  kind: PortKind.default('echo'),
});

export const WorldFile = z.object({
  accounts: z.array(Account).min(1),
  remoteHosts: z.array(RemoteHost).default([]),
});

export type WorldFile = z.infer<typeof WorldFile>;
export type AccountSpec = z.infer<typeof Account>;
export type RegionSpec = z.infer<typeof Region>;
export type SessionPreferencesSpec = z.infer<typeof SessionPreferences>;
export type ClusterSpec = z.infer<typeof Cluster>;
export type ServiceSpec = z.infer<typeof Service>;
export type TaskSpec = z.infer<typeof Task>;
export type ContainerSpec = z.infer<typeof Container>;
export type TaskDefinitionSpec = z.infer<typeof TaskDefinition>;
export type ContainerDefinitionSpec = z.infer<typeof ContainerDefinition>;
export type InstanceSpec = z.infer<typeof Instance>;
export type KmsKeySpec = z.infer<typeof KmsKey>;
export type PortSpec = z.infer<typeof PortSpec>;
export type RemoteHostSpec = z.infer<typeof RemoteHost>;
export type ContainerInstanceSpec = z.infer<typeof ContainerInstance>;
export type RoleSpec = z.infer<typeof Role>;
export type MfaDeviceSpec = z.infer<typeof MfaDevice>;
