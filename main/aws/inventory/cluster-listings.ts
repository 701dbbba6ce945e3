/**
 * Listings the Inventory makes for callers outside the tree: a cluster's tasks as ECS lists them
 * now (a forward following its service picks one), and a region's whole tree (the CLI, benches).
 */
import { AWS_LIMITS } from '../constants.js';
import { mapBounded, type Priority } from '../discovery/bounded.js';
import type { TaskInfo } from '../discovery/types.js';
import type { InventoryNode } from '../../../shared/contract/inventory.js';
import type { LiveTree } from './live-tree.js';
import type { NodeIndex } from './node-index.js';
import { nodeId, type ParsedNodeId } from './node-ids.js';
import type { RegionLoaders } from './region-loaders.js';
import { RecentListings } from './recent-listings.js';

/** What the listings need of the Inventory. */
export interface ListingHost {
  readonly index: NodeIndex;
  readonly loaders: RegionLoaders;
  readonly live: LiveTree;
  children(parentId: string, priority?: Priority): Promise<InventoryNode[]>;
  poll(id: string): Promise<'polled' | 'skipped'>;
  /** The inventory's clock (the live tree's scheduler), ms. */
  now(): number;
}

export interface RegionTreeCounts {
  readonly clusters: number;
  readonly services: number;
  readonly tasks: number;
  readonly containers: number;
}

/** A cluster listing's key: its parts as JSON, so no profile name can read as another's. */
function listingKey(profile: string, region: string, cluster: string): string {
  return JSON.stringify([profile, region, cluster]);
}

function splitListingKey(key: string): readonly string[] {
  return JSON.parse(key) as string[];
}

export class ClusterListings {
  /** A cluster's listings by listingKey(profile, region, cluster): one in flight is joined, a recent one reused. */
  private readonly recent: RecentListings;

  constructor(private readonly host: ListingHost) {
    this.recent = new RecentListings(() => host.now());
  }

  /**
   * A cluster's tasks as ECS lists them now: listed again as the live tree's poll does (the windows
   * told only of what changed), or loaded when it never was. [] when the cluster is not in the
   * region; throws when AWS refused the listing. Callers that ask while a listing of the cluster
   * runs join it; one that began within CLUSTER_TASKS_FRESH_MS is reused unless `fresh`
   * (recent-listings.ts); while the live tree's region backs off after a failed poll, the
   * cluster's last listing is returned with no call, `fresh` or not.
   */
  tasksNow(profile: string, region: string, clusterArnOrName: string, fresh = false): Promise<readonly TaskInfo[]> {
    // Every following forward of a cluster restarting at once (its task replaced) shares one listing.
    const key = listingKey(profile, region, this.host.loaders.of(profile, region)?.findCluster(clusterArnOrName)?.arn ?? clusterArnOrName);
    return this.recent.get(key, fresh, () => this.listTasks(profile, region, clusterArnOrName));
  }

  /** A refresh of `parsed`: the kept listings of its profile, region or cluster go with it. */
  forget(parsed: ParsedNodeId): void {
    if (parsed.kind !== 'profile' && parsed.kind !== 'region' && parsed.kind !== 'cluster') return;
    const [profile, region, cluster] = [parsed.profile, parsed.region, parsed.rest[0]];
    this.recent.forgetWhere((key) => {
      const [p, r, c] = splitListingKey(key);
      return p === profile && (parsed.kind === 'profile' || (r === region && (parsed.kind === 'region' || c === cluster)));
    });
  }

  private async listTasks(profile: string, region: string, clusterArnOrName: string): Promise<readonly TaskInfo[]> {
    const { host } = this;
    const cluster = () => host.loaders.of(profile, region)?.findCluster(clusterArnOrName);
    if (cluster() === undefined) await host.children(nodeId.region(profile, region), 'background');
    const found = cluster();
    if (found === undefined) return [];
    const id = nodeId.cluster(profile, region, found.arn);
    if (!host.index.isLoaded(id)) await host.children(id, 'background');
    // A region backing off (a throttled account, say) is not asked again: what it listed last stands.
    else if (!host.live.backingOff(id) && (await host.poll(id)) === 'skipped') await host.children(id, 'background');
    return host.loaders.of(profile, region)?.contents(found.arn)?.tasks ?? [];
  }

  /**
   * Load a region's whole tree (every cluster's services and tasks) with bounded concurrency.
   * Throws when the clusters could not be listed: the region's nodes then hold only its instances,
   * and a count of zero clusters would pass a failed (say throttled) listing off as an empty region.
   */
  async regionTree(profile: string, region: string): Promise<RegionTreeCounts> {
    const { host } = this;
    const nodes = await host.children(nodeId.region(profile, region));
    const unlisted = host.loaders.of(profile, region)?.clusterListingError;
    if (unlisted) throw unlisted;
    const clusterNodes = nodes.filter((n) => n.kind === 'cluster');
    const loaded = await mapBounded(clusterNodes, AWS_LIMITS.CLUSTER_CONCURRENCY, async (c) => {
      await host.children(c.id);
      return host.loaders.of(profile, region)?.contents(c.kind === 'cluster' ? c.clusterArn : '');
    });
    const sum = { clusters: clusterNodes.length, services: 0, tasks: 0, containers: 0 };
    for (const c of loaded) {
      sum.services += c?.services.length ?? 0;
      sum.tasks += c?.tasks.length ?? 0;
      sum.containers += c?.tasks.reduce((n, t) => n + t.containers.length, 0) ?? 0;
    }
    return sum;
  }
}
