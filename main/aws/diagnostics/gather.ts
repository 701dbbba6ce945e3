/**
 * Reads what the rules need for one target, every lookup independent so one denied call becomes
 * one "could not check" line instead of a failed diagnosis, then runs the rules.
 */
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeClustersCommand, DescribeContainerInstancesCommand, DescribeTaskDefinitionCommand, DescribeTasksCommand, type TaskDefinition } from '@aws-sdk/client-ecs';
import { DescribeInstanceInformationCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { clusterInfo, taskInfo } from '../discovery/ecs-shapes.js';
import type { InstanceInfo } from '../discovery/types.js';
import type { AwsError, AwsResult } from '../errors.js';
import { toAwsError } from '../error-map.js';
import type { ProfileSession } from '../profile-session.js';
import { ecsChecks } from './ecs-rules.js';
import { instanceChecks } from './instance-rules.js';
import { simulateRole } from './role-permissions.js';
import type { Check, EcsFacts, TaskDefinitionFacts } from './types.js';

export interface EcsDiagnoseTarget {
  readonly region?: string;
  /** Cluster name or ARN. */
  readonly cluster: string;
  readonly taskArn: string;
  readonly containerName: string;
}

export interface InstanceDiagnoseTarget {
  readonly region?: string;
  readonly instanceId: string;
}

async function attempt<T>(session: ProfileSession, region: string, operation: string, fn: () => Promise<T>): Promise<AwsResult<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: toAwsError(err, { profile: session.name, region, operation, sso: session.profile.sso !== null }) };
  }
}

function identity(session: ProfileSession, region: string): Promise<AwsResult<string>> {
  return attempt(session, region, 'STS GetCallerIdentity', async () => (await session.sts(region).send(new GetCallerIdentityCommand({}))).Arn ?? 'an unnamed identity');
}

function definitionFacts(d: TaskDefinition): TaskDefinitionFacts {
  return {
    taskRoleArn: d.taskRoleArn ?? null,
    pidMode: d.pidMode ?? null,
    containers: (d.containerDefinitions ?? []).map((c) => ({
      name: c.name ?? '?',
      readonlyRootFilesystem: c.readonlyRootFilesystem ?? false,
      initProcessEnabled: c.linuxParameters?.initProcessEnabled ?? false,
      environmentNames: (c.environment ?? []).map((e) => e.name ?? ''),
      writableMounts: (c.mountPoints ?? []).filter((m) => !m.readOnly).map((m) => m.containerPath ?? ''),
    })),
  };
}

export async function diagnoseEcs(session: ProfileSession, t: EcsDiagnoseTarget, lastError?: unknown): Promise<Check[]> {
  const region = session.region(t.region);
  const ecs = session.ecs(region);
  const [who, task, cluster] = await Promise.all([
    identity(session, region),
    attempt(session, region, 'ECS DescribeTasks', async () => {
      const found = (await ecs.send(new DescribeTasksCommand({ cluster: t.cluster, tasks: [t.taskArn] }))).tasks?.[0];
      return found ? taskInfo(found, t.cluster) : null;
    }),
    attempt(session, region, 'ECS DescribeClusters', async () => {
      const found = (await ecs.send(new DescribeClustersCommand({ clusters: [t.cluster], include: ['CONFIGURATIONS'] }))).clusters?.[0];
      return found ? clusterInfo(found) : null;
    }),
  ]);
  const facts: { -readonly [K in keyof EcsFacts]: EcsFacts[K] } = { containerName: t.containerName, identity: who, task, cluster };
  if (lastError !== undefined) facts.lastError = toAwsError(lastError, { profile: session.name, region });
  const info = task.ok ? task.value : null;
  if (info?.taskDefinitionArn) {
    const arn = info.taskDefinitionArn;
    facts.taskDefinition = await attempt(session, region, 'ECS DescribeTaskDefinition', async () => {
      const d = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }))).taskDefinition;
      if (!d) throw new Error(`DescribeTaskDefinition returned nothing for ${arn}`);
      return definitionFacts(d);
    });
  }
  const roleArn = facts.taskDefinition?.ok ? facts.taskDefinition.value.taskRoleArn : null;
  if (roleArn) facts.rolePermissions = await attempt(session, region, 'IAM SimulatePrincipalPolicy', () => simulateRole(session, region, roleArn));
  if (info && info.launchType !== 'FARGATE' && info.containerInstanceArn) {
    const ci = info.containerInstanceArn;
    facts.ecsAgentVersion = await attempt(session, region, 'ECS DescribeContainerInstances', async () => {
      const out = await ecs.send(new DescribeContainerInstancesCommand({ cluster: t.cluster, containerInstances: [ci] }));
      return out.containerInstances?.[0]?.versionInfo?.agentVersion ?? null;
    });
  }
  return ecsChecks(facts);
}

export async function diagnoseInstance(session: ProfileSession, t: InstanceDiagnoseTarget, lastError?: unknown): Promise<Check[]> {
  const region = session.region(t.region);
  const [who, ssm, ec2State] = await Promise.all([
    identity(session, region),
    attempt(session, region, 'SSM DescribeInstanceInformation', async (): Promise<InstanceInfo | null> => {
      const out = await session.ssm(region).send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [t.instanceId] }] }));
      const i = out.InstanceInformationList?.[0];
      if (!i) return null;
      return { id: t.instanceId, name: i.Name ?? null, pingStatus: i.PingStatus ?? null, platformType: i.PlatformType ?? null, platformName: i.PlatformName ?? null, agentVersion: i.AgentVersion ?? null, state: 'unknown', privateIp: i.IPAddress ?? null };
    }),
    t.instanceId.startsWith('mi-')
      ? Promise.resolve<AwsResult<string | null>>({ ok: true, value: null }) // hybrid nodes are not EC2 instances
      : attempt(session, region, 'EC2 DescribeInstances', async () => {
          const out = await session.ec2(region).send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: [t.instanceId] }] }));
          return out.Reservations?.[0]?.Instances?.[0]?.State?.Name ?? null;
        }),
  ]);
  const lastErr: AwsError | undefined = lastError === undefined ? undefined : toAwsError(lastError, { profile: session.name, region });
  return instanceChecks({ instanceId: t.instanceId, identity: who, ssm, ec2State, ...(lastErr ? { lastError: lastErr } : {}) });
}
