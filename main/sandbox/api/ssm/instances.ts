/** SSM DescribeInstanceInformation: managed instances with ping status, platform and agent. */
import type { InstanceSpec } from '../../world/schema.js';
import { invalidParameter } from '../errors.js';
import type { Handler } from '../handler.js';
import { paginate } from '../paging.js';
import { nestedString, type Params } from '../params.js';

export const SSM_LIMITS = {
  /** DescribeInstanceInformation accepts MaxResults 5–50; without it the sandbox pages by 50. */
  describeInstanceInformation: { defaultSize: 50, max: 50, min: 5 },
} as const;

const pingAtBoot = Math.floor(Date.now() / 1000);

function pingStatus(i: InstanceSpec): string {
  // A stopped instance's agent cannot ping, whatever the world says.
  return i.state === 'running' ? i.pingStatus : 'ConnectionLost';
}

/** Both filter styles (InstanceInformationFilterList with valueSet, Filters with Values). */
function filters(p: Params): Array<{ key: string; values: string[] }> {
  const out: Array<{ key: string; values: string[] }> = [];
  for (const f of p.optObjectList('InstanceInformationFilterList') ?? []) {
    out.push({ key: nestedString('ssm', f, 'key', 'InstanceInformationFilterList'), values: Array.isArray(f['valueSet']) ? f['valueSet'].map(String) : [] });
  }
  for (const f of p.optObjectList('Filters') ?? []) {
    out.push({ key: nestedString('ssm', f, 'Key', 'Filters'), values: Array.isArray(f['Values']) ? f['Values'].map(String) : [] });
  }
  return out;
}

function matches(i: InstanceSpec, key: string, values: string[]): boolean {
  switch (key) {
    case 'InstanceIds':
      return values.includes(i.id);
    case 'PingStatus':
      return values.includes(pingStatus(i));
    case 'PlatformTypes':
      return values.includes(i.platformType);
    case 'AgentVersion':
      return values.includes(i.agentVersion);
    case 'ResourceType':
      return values.includes('EC2Instance');
    default:
      throw invalidParameter('ssm', `The filter key ${key} is not supported by the sandbox.`);
  }
}

export const describeInstanceInformation: Handler = (p, ctx) => {
  const fs = filters(p);
  const list = ctx.region.instances.filter((i) => fs.every((f) => matches(i, f.key, f.values)));
  const query = `DescribeInstanceInformation/${JSON.stringify(fs)}`;
  const page = paginate('ssm', list, SSM_LIMITS.describeInstanceInformation, p.optInt('MaxResults'), p.optString('NextToken'), query);
  return {
    InstanceInformationList: page.items.map((i) => ({
      InstanceId: i.id,
      PingStatus: pingStatus(i),
      LastPingDateTime: pingAtBoot,
      AgentVersion: i.agentVersion,
      IsLatestVersion: false,
      PlatformType: i.platformType,
      PlatformName: i.platformName,
      PlatformVersion: i.platformVersion,
      ResourceType: 'EC2Instance',
      IPAddress: i.privateIpAddress,
      ComputerName: i.computerName ?? i.id,
      SourceId: i.id,
      SourceType: 'AWS::EC2::Instance',
    })),
    NextToken: page.nextToken,
  };
};
