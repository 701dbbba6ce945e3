/** Inputs of the diagnostic rules: what was read from AWS, each part possibly unreadable. */
import type { Check } from '../../../shared/contract/diagnostics.js';
import type { ClusterInfo, InstanceInfo, TaskInfo } from '../discovery/types.js';
import type { AwsError, AwsResult } from '../errors.js';

export type { Check };

export interface ContainerDefinitionFacts {
  readonly name: string;
  readonly readonlyRootFilesystem: boolean;
  readonly initProcessEnabled: boolean;
  readonly environmentNames: readonly string[];
  /** containerPath of every mount point (writable ones can rescue a read-only root filesystem). */
  readonly writableMounts: readonly string[];
}

export interface TaskDefinitionFacts {
  readonly taskRoleArn: string | null;
  readonly pidMode: string | null;
  readonly containers: readonly ContainerDefinitionFacts[];
}

export interface EcsFacts {
  readonly containerName: string;
  readonly identity: AwsResult<string>;
  /** null value = DescribeTasks did not return the task. */
  readonly task: AwsResult<TaskInfo | null>;
  readonly cluster: AwsResult<ClusterInfo | null>;
  /** Absent when the task could not be read (nothing to look up). */
  readonly taskDefinition?: AwsResult<TaskDefinitionFacts>;
  /** EC2 launch type only: the ECS container agent version on the host. */
  readonly ecsAgentVersion?: AwsResult<string | null>;
  /** Present when the task definition names a task role. */
  readonly rolePermissions?: AwsResult<RolePermissionFacts>;
  /** The error the user met when opening the session, if any; explained first. */
  readonly lastError?: AwsError;
}

export interface InstanceFacts {
  readonly instanceId: string;
  readonly identity: AwsResult<string>;
  /** null value = SSM does not know the instance. */
  readonly ssm: AwsResult<InstanceInfo | null>;
  /** EC2 state name; null when EC2 does not know it (hybrid nodes) or could not be read. */
  readonly ec2State: AwsResult<string | null>;
  readonly lastError?: AwsError;
}

export const ok = (id: string, title: string, cause: string): Check => ({ id, title, status: 'ok', cause, nextStep: '' });
export const warn = (id: string, title: string, cause: string, nextStep: string): Check => ({ id, title, status: 'warn', cause, nextStep });
export const fail = (id: string, title: string, cause: string, nextStep: string): Check => ({ id, title, status: 'fail', cause, nextStep });

/** A check whose data could not be read: a warning naming the reason, never a silent pass. */
export function unreadable(id: string, title: string, e: AwsError): Check {
  return warn(id, title, `Could not check: ${e.message}`, e.nextStep);
}

/** The task role's ssmmessages permissions as IAM's policy simulator sees them. */
export interface RolePermissionFacts {
  readonly roleArn: string;
  /** Actions the simulation did not allow (implicit or explicit deny). */
  readonly denied: readonly string[];
}
