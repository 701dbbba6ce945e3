/**
 * The resource tree: profile → regions → clusters (and instances) → services → tasks → containers,
 * standalone tasks directly under their cluster. Loaded lazily per node, cached, refreshable,
 * filterable. A failed load is reported on its node (event + thrown AwsError), never as an empty list.
 */
import { applyDescribedTarget, type DescribedTarget } from './target-recheck.js';
import type { InventoryNode, LoadProblem, RefreshFailures, Stale } from '../../../shared/contract/inventory.js';
import type { Priority } from '../discovery/bounded.js';
import { AwsError } from '../errors.js';
import { toAwsError } from '../error-map.js';
import type { ProfileInfo } from '../profiles.js';
import type { AwsWorkspace } from '../workspace.js';
import type { ClusterInfo, TaskInfo } from '../discovery/types.js';
import type { EcsTaskState } from '../discovery/task-state.js';
import { ClusterListings, type RegionTreeCounts } from './cluster-listings.js';
import type { InventoryOptions } from './inventory-options.js';
import { LoadProblems } from './load-problems.js';
import { NodeIndex, type FilterMatch } from './node-index.js';
import { nodeId, parseNodeId, type ParsedNodeId } from './node-ids.js';
import { profileNode } from './nodes.js';
import { pollNode } from './live-poll.js';
import { Freshness } from './freshness.js';
import { LiveTree, realScheduler } from './live-tree.js';
import { Prefetcher } from './prefetch.js';
import { profileRegions } from './profile-regions.js';
import { quietFor, quietOrThrow, waitForSignInMark, waitsForSignIn } from './quiet-background.js';
import { CredentialsWaitForUser } from '../quiet-credentials.js';
import type { Progress } from './region-loader.js';
import { RegionLoaders } from './region-loaders.js';
import { applyTaskState } from './task-state-apply.js';

export type { InventoryEvents, InventoryOptions } from './inventory-options.js';

export class Inventory {
  /** What is loaded; a branch that leaves it (a poll no longer lists it) leaves `freshness` and `problems` too. */
  private readonly index = new NodeIndex((id) => {
    this.freshness.forget(id);
    this.problems.forget(id);
  });
  private readonly inflight = new Map<string, Promise<InventoryNode[]>>();
  private readonly loaders: RegionLoaders;
  private readonly extraRegions = new Map<string, string[]>();
  /** Parts of a node's children that failed while the rest loaded, from its latest load. */
  private readonly problems = new LoadProblems();
  readonly prefetcher = new Prefetcher((id) => quietOrThrow(this.workspace, id, () => this.children(id, 'background')));
  /** Polls what the windows have open (contract `inventory.watch`). */
  readonly live: LiveTree;
  /** clusterTasksNow and loadRegionTree. */
  private readonly listings: ClusterListings;
  /** When each loaded branch was last listed, and which the poll could not refresh. */
  private readonly freshness: Freshness;

  constructor(private readonly workspace: AwsWorkspace, private readonly opts: InventoryOptions = {}) {
    for (const [p, rs] of Object.entries(opts.extraRegions ?? {})) this.extraRegions.set(p, [...rs]);
    this.loaders = new RegionLoaders(workspace, opts);
    const clock = opts.live?.scheduler ?? realScheduler;
    this.freshness = new Freshness(() => clock.now(), (parentId, stale) => opts.events?.stale?.({ parentId, stale }));
    this.live = new LiveTree((id) => this.poll(id), opts.live, (id, error) => {
      const p = parseNodeId(id);
      // A refresh refused mid-poll for the credentials says what the user can do, as a skipped poll does.
      const why = error instanceof CredentialsWaitForUser ? waitForSignInMark(workspace, id) : toAwsError(error, { profile: p?.profile, region: p?.region || undefined });
      this.freshness.failed(id, why.toPlain());
    });
    this.listings = new ClusterListings({
      index: this.index,
      loaders: this.loaders,
      live: this.live,
      children: (id, priority) => this.children(id, priority),
      poll: (id) => this.poll(id),
      now: () => clock.now(),
    });
  }

  /** Profile nodes, re-read from the shared files; a profile no longer in them leaves the tree with all it loaded. */
  async profiles(): Promise<{ profiles: readonly ProfileInfo[]; nodes: InventoryNode[] }> {
    const profiles = await this.workspace.profiles();
    const nodes = profiles.map(profileNode);
    const names = new Set(profiles.map((p) => p.name));
    this.prefetcher.stopWhere((regionId) => !names.has(parseNodeId(regionId)?.profile ?? ''));
    this.loaders.keepProfiles(names);
    this.index.setRoots(nodes);
    return { profiles, nodes };
  }

  /** Show another region under a profile (takes effect on the next load of the profile's children). */
  addRegion(profile: string, region: string): void {
    const list = this.extraRegions.get(profile) ?? [];
    if (!list.includes(region)) list.push(region);
    this.extraRegions.set(profile, list);
    this.index.invalidate(nodeId.profile(profile));
  }

  /** A profile's region list changed (settings): reload just its list of regions, keeping what is loaded under each. */
  async reloadRegions(profile: string): Promise<void> {
    const id = nodeId.profile(profile);
    if (!this.index.isLoaded(id)) return;
    this.index.invalidate(id);
    try {
      const nodes = await this.children(id);
      this.opts.events?.changed?.({ parentId: id, nodes, problems: this.problemsOf(id) });
    } catch {
      // Already reported on the node by load().
    }
  }

  /** The branch's stale mark (its latest background refresh failed), if it has one. */
  staleOf(parentId: string): Stale | undefined {
    return this.freshness.of(parentId);
  }

  /** What could not be listed under a node at its latest load ([] when everything could). */
  problemsOf(parentId: string): LoadProblem[] {
    return this.problems.of(parentId);
  }

  /**
   * A node's children, cached once loaded. `background` is the prefetcher's: its calls yield to
   * interactive ones, and it reports no progress or error on the node (the user's expand does).
   */
  async children(parentId: string, priority: Priority = 'interactive'): Promise<InventoryNode[]> {
    const cached = this.index.childrenOf(parentId);
    if (cached) return cached;
    const running = this.inflight.get(parentId);
    if (running) {
      if (priority === 'interactive') {
        const parsed = parseNodeId(parentId);
        if (parsed !== undefined) this.loaders.promote(parsed);
        // A prefetch that left the credentials to the user: the user is here now, load it for them.
        return this.showingHelper(parentId, () => running.catch((err: unknown) => (err instanceof CredentialsWaitForUser ? this.children(parentId) : Promise.reject(err))));
      }
      return running;
    }
    const p = this.load(parentId, priority).finally(() => this.inflight.delete(parentId));
    this.inflight.set(parentId, p);
    return priority === 'interactive' ? this.showingHelper(parentId, () => p) : p;
  }

  /**
   * A load someone waits on: while its profile's credential_process runs (whether it started
   * before or during the load), the node says so, with its limit, instead of a bare spinner (a
   * browser sign-in can take a minute). The load's own progress, or its result, replaces the words.
   */
  private showingHelper(parentId: string, load: () => Promise<InventoryNode[]>): Promise<InventoryNode[]> {
    const profile = parseNodeId(parentId)?.profile;
    const waiters = this.opts.helperWaiters;
    if (profile === undefined || waiters === undefined) return load();
    return waiters.during(profile, (message) => {
      if (message !== null) this.opts.events?.progress?.({ nodeId: parentId, message, done: false });
    }, load);
  }

  /**
   * Drop what is cached under a node (or everything), reload what was open, and emit `changed`.
   * Resolves with the reloads that failed (each also reported on its node), or undefined when none did.
   */
  async refresh(id: string | null): Promise<RefreshFailures | undefined> {
    let failures: RefreshFailures | undefined;
    const parsed = id === null ? undefined : parseNodeId(id);
    // Services, tasks and containers all come from one cluster listing: refresh the cluster.
    const target = parsed && ['service', 'task', 'container'].includes(parsed.kind) ? nodeId.cluster(parsed.profile, parsed.region, parsed.rest[0] ?? '') : id;
    const roots = target === null ? (await this.profiles()).nodes.map((n) => n.id) : [target];
    for (const root of roots) {
      const open = [root, ...this.index.loadedBelow(root)].filter((n) => this.index.isLoaded(n) || n === target);
      this.forget(root);
      for (const parent of open) {
        if (parent !== root && !this.index.node(parent)) continue; // gone after the reload above it
        try {
          const nodes = await this.children(parent);
          this.opts.events?.changed?.({ parentId: parent, nodes, problems: this.problemsOf(parent) });
        } catch (err) {
          // Already reported on the node by load(); counted so the caller can say the refresh did not all work.
          const p = parseNodeId(parent);
          failures = failures ? { ...failures, count: failures.count + 1 } : { count: 1, first: toAwsError(err, { profile: p?.profile, region: p?.region || undefined }).toPlain() };
        }
      }
    }
    return failures;
  }

  /**
   * The live tree's poll of an open region or cluster (live-poll.ts). Skipped, with no call, while
   * its profile's credentials need a refresh: the branch is marked stale with why, until a load answers.
   */
  poll(id: string): Promise<'polled' | 'skipped'> {
    if (waitsForSignIn(this.workspace, id)) {
      this.freshness.failed(id, waitForSignInMark(this.workspace, id).toPlain());
      return Promise.resolve('skipped');
    }
    return quietFor(this.workspace, id, () => pollNode({
      index: this.index,
      loader: (key) => this.loaders.get(key),
      loading: (node) => this.inflight.has(node),
      listing: (node, parsed) => this.loadParsed(node, parsed, 'background'),
      merge: (node, nodes, problems) => {
        this.freshness.listed(node);
        this.mergeChanged(node, nodes, problems);
      },
      reload: async (node) => {
        const nodes = await this.children(node, 'background');
        this.opts.events?.changed?.({ parentId: node, nodes, problems: this.problemsOf(node) });
      },
    }, id));
  }

  /** Sets a loaded parent's children and problems and tells the windows, only when they differ from what is shown. */
  private mergeChanged(parentId: string, nodes: InventoryNode[], problems: LoadProblem[]): void {
    const same = JSON.stringify(this.index.childrenOf(parentId)) === JSON.stringify(nodes) && JSON.stringify(this.problemsOf(parentId)) === JSON.stringify(problems);
    if (same) return;
    this.problems.set(parentId, problems);
    this.setChanged(parentId, nodes);
  }

  filter(query: string): FilterMatch[] {
    return this.index.filter(query);
  }

  /** A loaded node by id, as the windows were sent it; undefined when it is not loaded. */
  node(id: string): InventoryNode | undefined {
    return this.index.node(id);
  }

  /** A loaded task (for launch and diagnostics), or undefined when its cluster was never listed. */
  task(profile: string, region: string, taskArn: string): TaskInfo | undefined {
    return this.loaders.of(profile, region)?.findTask(taskArn);
  }

  /**
   * What a DescribeTasks made outside a listing said of one task (task-state-apply.ts): a task that
   * stopped, or is stopping, is updated in place with no call to AWS.
   */
  applyTaskState(profile: string, region: string, cluster: string, task: string, state: EcsTaskState): void {
    applyTaskState({ index: this.index, loader: (key) => this.loaders.get(key), setChanged: (id, nodes) => this.setChanged(id, nodes) }, profile, region, cluster, task, state);
  }

  /** A target described anew outside a listing (target-recheck.ts), put in place of its loaded rows. */
  applyDescribedTarget(profile: string, region: string, described: DescribedTarget): void {
    applyDescribedTarget({ index: this.index, loader: (key) => this.loaders.get(key), setChanged: (id, nodes) => this.setChanged(id, nodes) }, profile, region, described);
  }

  /** Replaces a loaded parent's children (ids unchanged, so what is loaded below stays) and tells the windows. */
  private setChanged(parentId: string, nodes: InventoryNode[]): void {
    this.index.setChildren(parentId, nodes);
    this.opts.events?.changed?.({ parentId, nodes, problems: this.problemsOf(parentId) });
  }

  /**
   * A cluster's tasks as ECS lists them now (cluster-listings.ts): a forward following its service
   * picks one. A listing made moments ago is reused unless `fresh` (recent-listings.ts).
   */
  clusterTasksNow(profile: string, region: string, clusterArnOrName: string, options: { readonly fresh?: boolean } = {}): Promise<readonly TaskInfo[]> {
    return this.listings.tasksNow(profile, region, clusterArnOrName, options.fresh === true);
  }

  cluster(profile: string, region: string, clusterArnOrName: string): ClusterInfo | undefined {
    return this.loaders.of(profile, region)?.findCluster(clusterArnOrName);
  }

  /** A region's whole tree, loaded with bounded concurrency (cluster-listings.ts); throws when its clusters could not be listed. */
  loadRegionTree(profile: string, region: string): Promise<RegionTreeCounts> {
    return this.listings.regionTree(profile, region);
  }

  private forget(id: string): void {
    const parsed = parseNodeId(id);
    if (!parsed) return;
    if (parsed.kind === 'profile' || parsed.kind === 'region') {
      this.prefetcher.stopWhere((regionId) => {
        const r = parseNodeId(regionId);
        return r !== undefined && r.profile === parsed.profile && (parsed.kind === 'profile' || r.region === parsed.region);
      });
    }
    this.loaders.forget(parsed);
    this.listings.forget(parsed);
    // Fresh credentials and clients (e.g. after `aws sso login`); a credential_process still waiting is joined, not run twice.
    if (parsed.kind === 'profile') this.workspace.reopen(parsed.profile);
    for (const below of [id, ...this.index.loadedBelow(id)]) {
      this.freshness.forget(below);
      this.problems.forget(below);
    }
    this.index.dropChildren(id);
  }

  private async load(parentId: string, priority: Priority, again = false): Promise<InventoryNode[]> {
    const parsed = parseNodeId(parentId);
    try {
      if (!parsed) throw new AwsError({ code: 'not-found', sentence: 'This item is no longer in the tree.', nextStep: 'Refresh the tree.' });
      const { nodes, problems } = await this.loadParsed(parentId, parsed, priority);
      this.problems.set(parentId, problems);
      this.index.setChildren(parentId, nodes);
      this.freshness.listed(parentId);
      // AWS answered this region: a backoff from an earlier failed poll would mark it stale again with that old error.
      if (parsed.kind === 'region' || parsed.kind === 'cluster') this.live.succeeded(parentId);
      if (parsed.kind === 'region' && this.opts.prefetch === true) void this.prefetcher.start(parentId, nodes);
      return nodes;
    } catch (err) {
      const error = toAwsError(err, { profile: parsed?.profile, region: parsed?.region || undefined });
      if (priority === 'background') throw error;
      // It joined a prefetch's listing that left the credentials to the user: the user is here now.
      if (error instanceof CredentialsWaitForUser && !again) return this.load(parentId, priority, true);
      this.opts.events?.error?.({ nodeId: parentId, error: error.toPlain() });
      this.opts.events?.progress?.({ nodeId: parentId, message: error.message, done: true });
      throw error;
    }
  }

  private async loadParsed(id: string, p: ParsedNodeId, priority: Priority): Promise<{ nodes: InventoryNode[]; problems: LoadProblem[] }> {
    if (p.kind === 'region') return (await this.loaders.open(p.profile, p.region)).regionChildren(this.progressFor(id, priority));
    if (p.kind === 'cluster') return (await this.loaders.open(p.profile, p.region)).clusterChildren(p.rest[0] ?? '', this.progressFor(id, priority), priority);
    return { nodes: await this.loadNodes(id, p, priority), problems: [] };
  }

  private progressFor(id: string, priority: Priority): Progress {
    if (priority === 'background') return () => undefined; // a prefetch is not news on a node nobody opened
    return (message: string, done: boolean, retries?: number) => this.opts.events?.progress?.({ nodeId: id, message, done, ...(retries ? { retries } : {}) });
  }

  private async loadNodes(id: string, p: ParsedNodeId, priority: Priority): Promise<InventoryNode[]> {
    if (p.kind === 'profile') return profileRegions(this.workspace, p.profile, this.extraRegions.get(p.profile) ?? [], this.opts.regionsFor);
    if (p.kind === 'container' || p.kind === 'instance') return [];
    const loader = await this.loaders.open(p.profile, p.region);
    const progress = this.progressFor(id, priority);
    switch (p.kind) {
      case 'region': return (await loader.regionChildren(progress)).nodes;
      case 'cluster': return (await loader.clusterChildren(p.rest[0] ?? '', progress, priority)).nodes;
      case 'service': return loader.serviceChildren(p.rest[0] ?? '', p.rest[1] ?? '', progress, priority);
      case 'task': return loader.taskChildren(p.rest[0] ?? '', p.rest[1] ?? '', progress, priority);
    }
  }
}
