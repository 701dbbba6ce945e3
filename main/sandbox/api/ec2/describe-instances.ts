/**
 * EC2 DescribeInstances over the EC2 Query protocol (form-encoded request, XML response): one
 * reservation per instance, Name tags, state, private address. Discovery reads Name tags here.
 */
import { createHash } from 'node:crypto';
import { isHybrid, type InstanceSpec } from '../../world/schema.js';
import { ApiError } from '../errors.js';
import { paginate } from '../paging.js';
import { numbered } from '../query-params.js';
import type { RequestContext } from '../context.js';
import { el, leaf, QUERY_NAMESPACES, XML_DECLARATION } from '../xml.js';

export const EC2_LIMITS = {
  /** DescribeInstances MaxResults range (EC2 API reference); without it EC2 returns everything. */
  describeInstances: { defaultSize: Number.MAX_SAFE_INTEGER, max: 1000, min: 5 },
} as const;

const STATE_CODES: Record<InstanceSpec['state'], number> = { pending: 0, running: 16, stopping: 64, stopped: 80, terminated: 48 };
const launchTime = new Date(Date.now() - 86_400_000).toISOString();

function filterMatch(i: InstanceSpec, name: string, values: string[]): boolean {
  if (name === 'instance-id') return values.includes(i.id);
  if (name === 'instance-state-name') return values.includes(i.state);
  if (name === 'tag:Name') return i.name !== undefined && values.includes(i.name);
  if (name === 'private-ip-address') return values.includes(i.privateIpAddress);
  throw new ApiError('InvalidParameterValue', `The filter '${name}' is invalid`);
}

function instanceXml(ctx: RequestContext, i: InstanceSpec): string {
  const hash = createHash('sha256').update(i.id).digest('hex');
  return el(
    'item',
    leaf('reservationId', `r-${hash.slice(0, 17)}`),
    leaf('ownerId', ctx.account.id),
    '<groupSet/>',
    el(
      'instancesSet',
      el(
        'item',
        leaf('instanceId', i.id),
        leaf('imageId', `ami-${hash.slice(17, 34)}`),
        el('instanceState', leaf('code', STATE_CODES[i.state]), leaf('name', i.state)),
        leaf('privateDnsName', i.computerName ?? ''),
        '<dnsName/>',
        leaf('instanceType', i.instanceType),
        leaf('launchTime', launchTime),
        el('placement', leaf('availabilityZone', i.availabilityZone ?? `${ctx.regionName}a`), leaf('tenancy', 'default')),
        i.platformType === 'Windows' ? leaf('platform', 'windows') : '',
        leaf('platformDetails', i.platformType === 'Windows' ? 'Windows' : 'Linux/UNIX'),
        leaf('privateIpAddress', i.privateIpAddress),
        leaf('architecture', 'x86_64'),
        leaf('rootDeviceType', 'ebs'),
        i.name !== undefined ? el('tagSet', el('item', leaf('key', 'Name'), leaf('value', i.name))) : '<tagSet/>',
      ),
    ),
  );
}

export function describeInstances(form: URLSearchParams, ctx: RequestContext): string {
  const ids = numbered(form, 'InstanceId');
  const maxRaw = form.get('MaxResults');
  if (ids.length && maxRaw) throw new ApiError('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  const filters: Array<{ name: string; values: string[] }> = [];
  for (let n = 1; form.has(`Filter.${n}.Name`); n++) filters.push({ name: form.get(`Filter.${n}.Name`) ?? '', values: numbered(form, `Filter.${n}.Value`) });
  for (const id of ids) {
    // EC2 ids are i-…; a hybrid node's mi-… id is not one (EC2 says so before looking it up).
    if (!id.startsWith('i-')) throw new ApiError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
    if (!ctx.region.instancesById.has(id)) throw new ApiError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
  }
  const list = ctx.region.instances.filter((i) => !isHybrid(i) && (!ids.length || ids.includes(i.id)) && filters.every((f) => filterMatch(i, f.name, f.values)));
  const max = maxRaw === null ? undefined : Number(maxRaw);
  if (max !== undefined && !Number.isInteger(max)) throw new ApiError('InvalidParameterValue', `Invalid value '${maxRaw}' for maxResults`);
  const page = paginate('ec2', list, EC2_LIMITS.describeInstances, max, form.get('NextToken') ?? undefined, `DescribeInstances/${ids.join(',')}/${JSON.stringify(filters)}`);
  return (
    XML_DECLARATION +
    `<DescribeInstancesResponse xmlns="${QUERY_NAMESPACES.ec2}">` +
    leaf('requestId', ctx.requestId) +
    el('reservationSet', ...page.items.map((i) => instanceXml(ctx, i))) +
    leaf('nextToken', page.nextToken) +
    '</DescribeInstancesResponse>'
  );
}
