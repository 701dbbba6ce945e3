/** SSM DescribeInstanceInformation: managed instances with ping status, platform and agent. */
import { isHybrid, type InstanceSpec } from '../../world/schema.js';
import { invalidParameter } from '../errors.js';
import type { Handler } from '../handler.js';
import { paginate } from '../paging.js';
import { nestedString, type Params } from '../params.js';

export const SSM_LIMITS = {
  /** DescribeInstanceInformation accepts MaxResults 5–50; without it the sandbox pages by 50. */
  describeInstanceInformation: { defaultSize: 50, max: 50, min: 5 },
} as const;

const pingAtBoot = Math.floor(Date.now() / 1000);

/** The activation the sandbox's hybrid nodes registered with (AWS reports one per node). */
const HYBRID_ACTIVATION_ID = '4c2f3b7e-9a1d-4e5f-8b6c-0d1e2f3a4b5c';
/** The service role a hybrid activation names (AWS's documented default name). */
const HYBRID_IAM_ROLE = 'SSMServiceRole';

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
      return values.includes(isHybrid(i) ? 'ManagedInstance' : 'EC2Instance');
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
      ...(isHybrid(i) ? { Name: i.name ?? i.id, ActivationId: HYBRID_ACTIVATION_ID, IamRole: HYBRID_IAM_ROLE, RegistrationDate: pingAtBoot } : {}),
      InstanceId: i.id,
      PingStatus: pingStatus(i),
      LastPingDateTime: pingAtBoot,
      AgentVersion: i.agentVersion,
      IsLatestVersion: false,
      PlatformType: i.platformType,
      PlatformName: i.platformName,
      PlatformVersion: i.platformVersion,
      ResourceType: isHybrid(i) ? 'ManagedInstance' : 'EC2Instance',
      IPAddress: i.privateIpAddress,
      ComputerName: i.computerName ?? i.id,
      SourceId: i.id,
      SourceType: isHybrid(i) ? 'AWS::SSM::ManagedInstance' : 'AWS::EC2::Instance',
    })),
    NextToken: page.nextToken,
  };
};
