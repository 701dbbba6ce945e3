/**
 * What discovery learns, as plain data (no SDK objects, no credentials). The inventory keeps these
 * for diagnostics and launch; the tree nodes sent to the UI are derived from them.
 */

export interface ClusterInfo {
  readonly arn: string;
  readonly name: string;
  readonly status: string;
  readonly runningTasks: number;
  readonly pendingTasks: number;
  readonly activeServices: number;
  /** executeCommandConfiguration: a KMS key turns on the encrypted handshake; logging mode for diagnostics. */
  readonly execKmsKeyId: string | null;
  readonly execLogging: string | null;
}

export interface ServiceInfo {
  readonly arn: string;
  readonly name: string;
  readonly clusterArn: string;
  readonly status: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly launchType: string | null;
  readonly platformVersion: string | null;
  readonly execEnabled: boolean;
}

export interface ExecAgentInfo {
  readonly status: string | null;
  readonly reason: string | null;
}

export interface ContainerInfo {
  readonly name: string;
  readonly runtimeId: string | null;
  readonly lastStatus: string;
  readonly image: string | null;
  /** managedAgents[ExecuteCommandAgent]; null when the task has no exec agent at all. */
  readonly execAgent: ExecAgentInfo | null;
}

export interface TaskInfo {
  readonly arn: string;
  /** Last ARN segment: the id used in the `ecs:` target. */
  readonly id: string;
  readonly clusterArn: string;
  /** The service that started it (from `group` = `service:<name>`), null for standalone tasks. */
  readonly serviceName: string | null;
  readonly lastStatus: string;
  readonly desiredStatus: string;
  readonly launchType: string | null;
  readonly platformVersion: string | null;
  readonly platformFamily: string | null;
  readonly execEnabled: boolean;
  readonly taskDefinitionArn: string | null;
  readonly containerInstanceArn: string | null;
  readonly startedAt: number | null;
  readonly stoppedReason: string | null;
  readonly containers: readonly ContainerInfo[];
}

export interface ClusterContents {
  readonly services: readonly ServiceInfo[];
  readonly tasks: readonly TaskInfo[];
}

export interface InstanceInfo {
  readonly id: string;
  /** The EC2 Name tag (or the SSM name of a hybrid node); null when untagged. */
  readonly name: string | null;
  /** SSM PingStatus; null when SSM does not know the instance. */
  readonly pingStatus: string | null;
  readonly platformType: string | null;
  readonly platformName: string | null;
  readonly agentVersion: string | null;
  /** EC2 state name, or `managed` for a hybrid node EC2 does not know. */
  readonly state: string;
  readonly privateIp: string | null;
}

/** Progress of a long listing, e.g. `{ phase: 'tasks', done: 300, total: 5000 }`. */
export interface DiscoveryProgress {
  readonly phase: 'clusters' | 'services' | 'tasks' | 'instances';
  readonly scope: string;
  readonly done: number;
  /** Known once every page has been listed; null while paging continues. */
  readonly total: number | null;
}
export type ProgressFn = (p: DiscoveryProgress) => void;

/** Last `/` segment of an ARN (cluster name, task id), as the CLI does for the `ecs:` target. */
export function arnTail(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
