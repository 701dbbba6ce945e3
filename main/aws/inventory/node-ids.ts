/**
 * Inventory node ids: opaque to the renderer, parseable here. `<kind>:` followed by a JSON array of
 * the parts (profile, region, ARN…), so names containing any character stay unambiguous.
 */

export type NodeKind = 'profile' | 'region' | 'cluster' | 'service' | 'task' | 'container' | 'instance';

const PREFIX: Record<NodeKind, string> = {
  profile: 'p',
  region: 'r',
  cluster: 'c',
  service: 's',
  task: 't',
  container: 'k',
  instance: 'i',
};
const KIND_OF = new Map(Object.entries(PREFIX).map(([k, p]) => [p, k as NodeKind]));

export interface ParsedNodeId {
  readonly kind: NodeKind;
  readonly profile: string;
  /** Absent only for profile nodes. */
  readonly region: string;
  /** The remaining parts: cluster ARN / service ARN / task ARN [+ container name] / instance id. */
  readonly rest: readonly string[];
}

export const nodeId = {
  profile: (profile: string) => `${PREFIX.profile}:${JSON.stringify([profile])}`,
  region: (profile: string, region: string) => `${PREFIX.region}:${JSON.stringify([profile, region])}`,
  cluster: (profile: string, region: string, clusterArn: string) => `${PREFIX.cluster}:${JSON.stringify([profile, region, clusterArn])}`,
  service: (profile: string, region: string, clusterArn: string, serviceName: string) => `${PREFIX.service}:${JSON.stringify([profile, region, clusterArn, serviceName])}`,
  task: (profile: string, region: string, clusterArn: string, taskArn: string) => `${PREFIX.task}:${JSON.stringify([profile, region, clusterArn, taskArn])}`,
  container: (profile: string, region: string, clusterArn: string, taskArn: string, name: string) => `${PREFIX.container}:${JSON.stringify([profile, region, clusterArn, taskArn, name])}`,
  instance: (profile: string, region: string, instanceId: string) => `${PREFIX.instance}:${JSON.stringify([profile, region, instanceId])}`,
} as const;

/** Parse an id minted by `nodeId`; undefined for anything else (ids come back from the renderer). */
export function parseNodeId(id: string): ParsedNodeId | undefined {
  const colon = id.indexOf(':');
  const kind = KIND_OF.get(id.slice(0, colon));
  if (!kind) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(id.slice(colon + 1));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length === 0 || !parts.every((p) => typeof p === 'string')) return undefined;
  const [profile, region = '', ...rest] = parts;
  if (profile === undefined) return undefined;
  return { kind, profile, region, rest };
}
