/**
 * The Inventory's RegionLoaders, one per (profile, region) the tree has listed: made on first use
 * with the profile's session and a gate of its own, dropped when its profile or region is
 * refreshed (or its profile leaves the AWS files). Keys are `profile|region`.
 */
import { AWS_LIMITS } from '../constants.js';
import { Limiter, type BackgroundPolicy } from '../discovery/bounded.js';
import type { AwsWorkspace } from '../workspace.js';
import type { ParsedNodeId } from './node-ids.js';
import { PREFETCH } from './prefetch.js';
import { RegionLoader } from './region-loader.js';

export interface RegionLoadersOptions {
  /** How background calls are held back (default PREFETCH's slots and pace). */
  readonly prefetchPace?: BackgroundPolicy;
  /** List recently stopped tasks too (default true). */
  readonly includeStopped?: boolean;
}

/** The profile of a `profile|region` key: all before the last bar (a region has none; a profile name may). */
function profileOf(key: string): string {
  return key.slice(0, key.lastIndexOf('|'));
}

export class RegionLoaders {
  private readonly byKey = new Map<string, RegionLoader>();

  constructor(private readonly workspace: AwsWorkspace, private readonly opts: RegionLoadersOptions) {}

  /** The loader under `profile|region`, undefined when it was never listed or was forgotten. */
  get(key: string): RegionLoader | undefined {
    return this.byKey.get(key);
  }

  of(profile: string, region: string): RegionLoader | undefined {
    return this.byKey.get(`${profile}|${region}`);
  }

  /** The region's loader, made (opening the profile) on first use. */
  async open(profile: string, region: string): Promise<RegionLoader> {
    const key = `${profile}|${region}`;
    let l = this.byKey.get(key);
    if (!l) {
      const session = await this.workspace.open(profile);
      const gate = new Limiter(AWS_LIMITS.DISCOVERY_CONCURRENCY, this.opts.prefetchPace ?? { slots: PREFETCH.SLOTS, minIntervalMs: PREFETCH.MIN_INTERVAL_MS });
      l = new RegionLoader(session, region, gate, this.opts.includeStopped ?? true);
      this.byKey.set(key, l);
    }
    return l;
  }

  /** A refresh of `parsed`: a profile's loaders go, a region's loader goes, a cluster's listing is forgotten. */
  forget(parsed: ParsedNodeId): void {
    if (parsed.kind === 'profile') this.forgetWhere((key) => profileOf(key) === parsed.profile);
    else if (parsed.kind === 'region') this.byKey.delete(`${parsed.profile}|${parsed.region}`);
    else if (parsed.kind === 'cluster') this.of(parsed.profile, parsed.region)?.forgetCluster(parsed.rest[0] ?? '');
  }

  /** Only these profiles are in the AWS files now: the others' loaders go. */
  keepProfiles(names: ReadonlySet<string>): void {
    this.forgetWhere((key) => !names.has(profileOf(key)));
  }

  /** Someone waits on a load the prefetcher started: its queued calls go first from now on. */
  promote(parsed: ParsedNodeId): void {
    if (parsed.kind !== 'cluster' && parsed.kind !== 'service' && parsed.kind !== 'task') return;
    const loader = this.of(parsed.profile, parsed.region);
    loader?.promote(parsed.rest[0] ?? '');
    if (parsed.kind === 'task') loader?.taskDefinitions.promoteAll();
  }

  private forgetWhere(drop: (key: string) => boolean): void {
    for (const key of [...this.byKey.keys()]) if (drop(key)) this.byKey.delete(key);
  }
}
