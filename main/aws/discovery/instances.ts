/**
 * EC2 instances and hybrid nodes that Session Manager knows: SSM DescribeInstanceInformation for
 * ping status, platform and agent version, then EC2 DescribeInstances (filtered by id, batched)
 * for the Name tag and state. A failing EC2 lookup degrades to unnamed nodes plus a warning,
 * because the instances are still reachable without their names.
 */
import { DescribeInstancesCommand, type EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { DescribeInstanceInformationCommand, paginateDescribeInstanceInformation, type InstanceInformation, type SSMClient } from '@aws-sdk/client-ssm';
import { AWS_LIMITS } from '../constants.js';
import type { AwsError, AwsErrorContext } from '../errors.js';
import { toAwsError } from '../error-map.js';
import { chunk, gatedPages, mapBounded, type Gate } from './bounded.js';
import type { InstanceInfo, ProgressFn } from './types.js';

export interface InstanceListing {
  readonly instances: readonly InstanceInfo[];
  /** Non-fatal problems (e.g. no ec2:DescribeInstances permission, so names are missing). */
  readonly warnings: readonly AwsError[];
}

function nameTag(i: Instance): string | null {
  return i.Tags?.find((t) => t.Key === 'Name')?.Value ?? null;
}

function merge(info: InstanceInformation, ec2: Instance | undefined): InstanceInfo {
  const id = info.InstanceId ?? '?';
  return {
    id,
    name: (ec2 ? nameTag(ec2) : null) ?? info.Name ?? null,
    pingStatus: info.PingStatus ?? null,
    platformType: info.PlatformType ?? null,
    platformName: info.PlatformName ?? null,
    agentVersion: info.AgentVersion ?? null,
    state: ec2?.State?.Name ?? (id.startsWith('mi-') ? 'managed' : 'unknown'),
    privateIp: ec2?.PrivateIpAddress ?? info.IPAddress ?? null,
  };
}

export async function listInstances(ssm: SSMClient, ec2: EC2Client, opts: { gate: Gate; onProgress?: ProgressFn; context: AwsErrorContext }): Promise<InstanceListing> {
  const infos: InstanceInformation[] = [];
  for await (const page of gatedPages(opts.gate, paginateDescribeInstanceInformation({ client: ssm, pageSize: AWS_LIMITS.SSM_INSTANCE_PAGE_SIZE }, {}))) {
    infos.push(...(page.InstanceInformationList ?? []));
    opts.onProgress?.({ phase: 'instances', scope: 'region', done: infos.length, total: null });
  }
  const ec2Ids = infos.map((i) => i.InstanceId ?? '').filter((id) => id.startsWith('i-'));
  const byId = new Map<string, Instance>();
  const warnings: AwsError[] = [];
  try {
    // A filter (unlike InstanceIds) tolerates ids EC2 no longer knows instead of failing the batch.
    const batches = await mapBounded(chunk(ec2Ids, AWS_LIMITS.EC2_DESCRIBE_INSTANCES_BATCH), opts.gate, async (ids) => {
      const out = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: ids }] }));
      return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []);
    });
    for (const i of batches.flat()) if (i.InstanceId) byId.set(i.InstanceId, i);
  } catch (err) {
    warnings.push(toAwsError(err, { ...opts.context, operation: 'EC2 DescribeInstances (instance names)' }));
  }
  const instances = infos.map((i) => merge(i, i.InstanceId ? byId.get(i.InstanceId) : undefined));
  opts.onProgress?.({ phase: 'instances', scope: 'region', done: instances.length, total: instances.length });
  instances.sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id));
  return { instances, warnings };
}

/**
 * One instance as SSM (and EC2, for its name and state) describe it now, as a listing would show
 * it; undefined when SSM no longer knows it. A failing EC2 lookup is tolerated as in a listing.
 */
export async function describeInstanceNow(ssm: SSMClient, ec2: EC2Client, instanceId: string, signal?: AbortSignal): Promise<InstanceInfo | undefined> {
  const options = signal === undefined ? {} : { abortSignal: signal };
  const out = await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [instanceId] }] }), options);
  const info = out.InstanceInformationList?.find((i) => i.InstanceId === instanceId);
  if (info === undefined) return undefined;
  let found: Instance | undefined;
  if (instanceId.startsWith('i-')) {
    try {
      const described = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: [instanceId] }] }), options);
      found = (described.Reservations ?? []).flatMap((r) => r.Instances ?? []).find((i) => i.InstanceId === instanceId);
    } catch {
      // As in a listing: without EC2 the instance is still reachable, its state 'unknown'.
    }
  }
  return merge(info, found);
}
