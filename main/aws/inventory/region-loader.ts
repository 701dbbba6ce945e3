/**
 * Discovery for one (profile, region): cached cluster list, per-cluster contents and instances,
 * all calls sharing one concurrency gate so a region never exceeds AWS_LIMITS.DISCOVERY_CONCURRENCY
 * describe calls in flight. Produces contract nodes; keeps the plain data for launch/diagnostics.
 */
import type { InventoryNode, LoadProblem } from '../../../shared/contract/inventory.js';
import { counted } from '../../../shared/format/words.js';
import { withRetryReports } from '../call-details.js';
import type { Limiter, Priority, PriorityTicket } from '../discovery/bounded.js';
import { listClusters, loadCluster } from '../discovery/ecs.js';
import { listInstances } from '../discovery/instances.js';
import { arnTail, type ClusterContents, type ClusterInfo, type DiscoveryProgress, type InstanceInfo, type ServiceInfo, type TaskInfo } from '../discovery/types.js';
import { AwsError } from '../errors.js';
import { toAwsError } from '../error-map.js';
import type { ProfileSession } from '../profile-session.js';
import { clusterNode, containerNode, instanceNode, serviceNode, taskNode } from './nodes.js';
import { TaskDefinitionPorts, type PortsByContainer } from './task-definitions.js';

/** `retries`: SDK retries so far of the call the message is about. */
export type Progress = (message: string, done: boolean, retries?: number) => void;

function describe(p: DiscoveryProgress, what: string): string {
  return p.total === null ? `Listing ${what} (${p.done} so far)` : `Listing ${what} (${p.done} of ${p.total})`;
}

/** Runs a listing so that each SDK retry inside it shows as "… retrying (n)" on the node. */
function reportingRetries<T>(progress: Progress, what: string, work: () => Promise<T>): Promise<T> {
  return withRetryReports((n, operation) => progress(`Listing ${what}: ${operation} failed, retrying (${n})`, false, n), work);
}

/** A region's or a cluster's children: what could be listed, and the parts that could not. */
export interface RegionListing {
  readonly nodes: InventoryNode[];
  readonly problems: LoadProblem[];
}

export class RegionLoader {
  private clusters: Promise<ClusterInfo[]> | undefined;
  private instances: Promise<InstanceInfo[]> | undefined;
  private readonly contentsByArn = new Map<string, Promise<ClusterContents>>();
  /** The priority of each cluster listing still in flight (raised when the user asks for a prefetched one). */
  private readonly contentTickets = new Map<string, PriorityTicket>();
  private readonly settled = new Map<string, ClusterContents>();
  /** The parts of a settled cluster listing that failed (services or tasks), each with its error. */
  private readonly unlisted = new Map<string, { readonly services?: AwsError; readonly tasks?: AwsError }>();
  private clusterList: ClusterInfo[] = [];
  /** A background relisting of the region (relistRegion) is in flight. */
  private relisting = false;
  /** Why the latest cluster listing failed (undefined once one succeeds): the region then has no cluster nodes. */
  clusterListingError: AwsError | undefined;
  /** Task definition revisions are immutable: kept for the loader's life, refresh included. */
  readonly taskDefinitions: TaskDefinitionPorts;

  constructor(private readonly session: ProfileSession, readonly region: string, private readonly gate: Limiter, private readonly includeStopped: boolean) {
    this.taskDefinitions = new TaskDefinitionPorts(gate);
  }

  private ctx(operation: string) {
    return { profile: this.session.name, region: this.region, operation, sso: this.session.profile.sso !== null };
  }

  private loadClusters(progress: Progress): Promise<ClusterInfo[]> {
    this.clusters ??= reportingRetries(progress, 'clusters', () => listClusters(this.session.ecs(this.region), { gate: this.gate, onProgress: (p) => progress(describe(p, 'clusters'), false) }))
      .then((list) => {
        this.clusterListingError = undefined;
        return (this.clusterList = list);
      })
      .catch((err: unknown) => {
        this.clusters = undefined; // a later expand retries
        throw (this.clusterListingError = toAwsError(err, this.ctx('listing ECS clusters')));
      });
    return this.clusters;
  }

  private loadInstances(progress: Progress, warn: (w: AwsError) => void): Promise<InstanceInfo[]> {
    this.instances ??= reportingRetries(progress, 'instances', () => listInstances(this.session.ssm(this.region), this.session.ec2(this.region), {
      gate: this.gate,
      context: this.ctx('listing instances'),
      onProgress: (p) => progress(describe(p, 'instances'), false),
    }))
      .then((r) => {
        r.warnings.forEach(warn);
        return [...r.instances];
      })
      .catch((err: unknown) => {
        this.instances = undefined;
        throw toAwsError(err, this.ctx('listing SSM managed instances'));
      });
    return this.instances;
  }

  /**
   * Clusters, then instances. If one listing fails the other still shows and the failure is a
   * problem of the region (kept with its children until a reload succeeds); both failing is the
   * region's error.
   */
  async regionChildren(progress: Progress): Promise<RegionListing> {
    const problems: LoadProblem[] = [];
    const warn = (w: AwsError): void => void problems.push({ part: 'instance-names', what: 'Instance names', error: w.toPlain() });
    const [clusters, instances] = await Promise.allSettled([this.loadClusters(progress), this.loadInstances(progress, warn)]);
    if (clusters.status === 'rejected' && instances.status === 'rejected') throw clusters.reason;
    const nodes: InventoryNode[] = [];
    if (clusters.status === 'fulfilled') nodes.push(...clusters.value.map((c) => clusterNode(this.session.name, this.region, c)));
    else problems.unshift({ part: 'clusters', what: 'ECS clusters', error: toAwsError(clusters.reason).toPlain() });
    if (instances.status === 'fulfilled') nodes.push(...instances.value.map((i) => instanceNode(this.session.name, this.region, i)));
    else problems.unshift({ part: 'instances', what: 'Instances', error: toAwsError(instances.reason).toPlain() });
    progress(`Loaded ${counted(nodes.length, 'item')} in ${this.region}`, true);
    return { nodes, problems };
  }

  private loadContents(clusterArn: string, progress: Progress, priority: Priority): Promise<ClusterContents> {
    let p = this.contentsByArn.get(clusterArn);
    if (p && priority === 'interactive') this.promote(clusterArn);
    if (!p) {
      const name = arnTail(clusterArn);
      const ticket: PriorityTicket = { priority };
      this.contentTickets.set(clusterArn, ticket);
      p = loadCluster(this.session.ecs(this.region), clusterArn, {
        gate: this.gate.view(ticket),
        includeStopped: this.includeStopped,
        onProgress: (e) => progress(describe(e, `tasks in ${name}`), false),
      })
        .then((listing) => {
          this.settled.set(clusterArn, listing.contents);
          const failed = {
            ...(listing.servicesError === undefined ? {} : { services: toAwsError(listing.servicesError, this.ctx(`listing services of ${name}`)) }),
            ...(listing.tasksError === undefined ? {} : { tasks: toAwsError(listing.tasksError, this.ctx(`listing tasks of ${name}`)) }),
          };
          if (failed.services || failed.tasks) this.unlisted.set(clusterArn, failed);
          else this.unlisted.delete(clusterArn);
          return listing.contents;
        })
        .finally(() => {
          if (this.contentTickets.get(clusterArn) === ticket) this.contentTickets.delete(clusterArn);
        })
        .catch((err: unknown) => {
          this.contentsByArn.delete(clusterArn);
          throw toAwsError(err, this.ctx(`listing services and tasks of ${name}`));
        });
      this.contentsByArn.set(clusterArn, p);
    }
    return p;
  }

  /** A cluster listing in flight in the background becomes interactive: someone waits on it now. */
  promote(clusterArn: string): void {
    const ticket = this.contentTickets.get(clusterArn);
    if (ticket === undefined || ticket.priority === 'interactive') return;
    ticket.priority = 'interactive';
    this.gate.reschedule();
  }

  /**
   * Services first, then the tasks no service owns (standalone RunTask tasks). A part that could
   * not be listed is a problem of the cluster; without the services every task shows under the
   * cluster, so none is out of reach.
   */
  async clusterChildren(clusterArn: string, progress: Progress, priority: Priority = 'interactive'): Promise<RegionListing> {
    const c = await this.loadContents(clusterArn, progress, priority);
    const failed = this.unlisted.get(clusterArn);
    const serviceNames = new Set(c.services.map((s) => s.name));
    const standalone = c.tasks.filter((t) => t.serviceName === null || !serviceNames.has(t.serviceName));
    progress(`Loaded ${counted(c.services.length, 'service')} and ${counted(c.tasks.length, 'task')} in ${arnTail(clusterArn)}`, true);
    const problems: LoadProblem[] = [];
    if (failed?.services) problems.push({ part: 'services', what: 'Services', error: failed.services.toPlain() });
    if (failed?.tasks) problems.push({ part: 'tasks', what: 'Tasks', error: failed.tasks.toPlain() });
    return { nodes: [...c.services.map((s) => serviceNode(this.session.name, this.region, s)), ...standalone.map((t) => taskNode(this.session.name, this.region, t))], problems };
  }

  /** A service's tasks; when the cluster's tasks could not be listed, why (never an empty list that says 'no tasks'). */
  async serviceChildren(clusterArn: string, serviceName: string, progress: Progress, priority: Priority = 'interactive'): Promise<InventoryNode[]> {
    const c = await this.loadContents(clusterArn, progress, priority);
    const tasksError = this.unlisted.get(clusterArn)?.tasks;
    if (tasksError) throw tasksError;
    return c.tasks.filter((t) => t.serviceName === serviceName).map((t) => taskNode(this.session.name, this.region, t));
  }

  async taskChildren(clusterArn: string, taskArn: string, progress: Progress, priority: Priority = 'interactive'): Promise<InventoryNode[]> {
    const c = await this.loadContents(clusterArn, progress, priority);
    const task = c.tasks.find((t) => t.arn === taskArn);
    if (!task) throw new AwsError({ code: 'not-found', sentence: `Task ${arnTail(taskArn)} is no longer listed in its cluster.`, nextStep: 'Refresh the cluster; the task may have stopped more than an hour ago.', context: this.ctx('listing containers') });
    const ports = await this.portsOf(task, priority);
    return task.containers.map((k) => containerNode(this.session.name, this.region, task, k, ports === null ? null : (ports.get(k.name) ?? [])));
  }

  /** The task's container ports; null (shown as unknown) when its task definition cannot be read, e.g. without ecs:DescribeTaskDefinition. */
  private async portsOf(task: TaskInfo, priority: Priority): Promise<PortsByContainer | null> {
    if (task.taskDefinitionArn === null) return null;
    try {
      return await this.taskDefinitions.portsOf(this.session.ecs(this.region), task.taskDefinitionArn, priority);
    } catch {
      return null;
    }
  }

  contents(clusterArn: string): ClusterContents | undefined {
    return this.settled.get(clusterArn);
  }

  /** A listed task by its ARN or (as a forward's target names it) its id; `cluster` (a name or ARN), when given, must be its cluster's. */
  findTask(taskArnOrId: string, cluster?: string): TaskInfo | undefined {
    for (const [clusterArn, c] of this.settled) {
      if (cluster !== undefined && cluster !== clusterArn && cluster !== arnTail(clusterArn)) continue;
      const t = c.tasks.find((x) => x.arn === taskArnOrId || x.id === taskArnOrId);
      if (t) return t;
    }
    return undefined;
  }

  /** Puts a task learned anew (task-verdict.ts) in place of the listed one, so later reads of its cluster's listing see it. */
  replaceTask(task: TaskInfo): void {
    this.replaceContents(task.clusterArn, (listed) => ({ ...listed, tasks: listed.tasks.map((t) => (t.arn === task.arn ? task : t)) }));
  }

  /** Puts an instance described anew (a forward's target re-checked) in place of the listed one. */
  replaceInstance(info: InstanceInfo): void {
    this.instances = this.instances?.then((list) => list.map((i) => (i.id === info.id ? info : i)));
  }

  /** Puts a service's counts learned anew in place of the listed ones (a task of it left RUNNING). */
  replaceService(service: ServiceInfo): void {
    this.replaceContents(service.clusterArn, (listed) => ({ ...listed, services: listed.services.map((s) => (s.arn === service.arn ? service : s)) }));
  }

  /** Rewrites a settled cluster listing; one still in flight is left to say what it says. */
  private replaceContents(clusterArn: string, change: (listed: ClusterContents) => ClusterContents): void {
    const listed = this.settled.get(clusterArn);
    if (listed === undefined) return;
    const contents = change(listed);
    this.settled.set(clusterArn, contents);
    if (!this.contentTickets.has(clusterArn)) this.contentsByArn.set(clusterArn, Promise.resolve(contents));
  }

  /** The same for a listed cluster; a listing still in flight is left to say what it says. */
  replaceCluster(cluster: ClusterInfo): void {
    if (this.clusters === undefined || !this.clusterList.some((c) => c.arn === cluster.arn)) return;
    this.clusterList = this.clusterList.map((c) => (c.arn === cluster.arn ? cluster : c));
    this.clusters = Promise.resolve(this.clusterList);
  }

  findCluster(arnOrName: string): ClusterInfo | undefined {
    return this.clusterList.find((c) => c.arn === arnOrName || c.name === arnOrName);
  }

  /**
   * Lists the region's clusters and instances again at background priority (live-tree.ts), keeping
   * what was listed until both answer: a failure (throttling, say) throws and changes nothing, so
   * a good listing is never replaced by an error. Returns false, asking nothing, while a listing of
   * the region is already in flight or was never made; otherwise the instance-name warnings. A
   * region shown with one part unlisted (its clusters, say, were throttled at expand) is relisted
   * whole, so the part comes back, and its problem goes, with no refresh from the user.
   */
  async relistRegion(): Promise<{ readonly warnings: readonly AwsError[] } | false> {
    if ((this.clusters === undefined && this.instances === undefined) || this.relisting) return false;
    this.relisting = true;
    try {
      const gate = this.gate.view({ priority: 'background' });
      const [clusters, found] = await Promise.all([
        listClusters(this.session.ecs(this.region), { gate }),
        listInstances(this.session.ssm(this.region), this.session.ec2(this.region), { gate, context: this.ctx('listing instances') }),
      ]);
      this.clusterList = clusters;
      this.clusterListingError = undefined;
      this.clusters = Promise.resolve(clusters);
      this.instances = Promise.resolve([...found.instances]);
      return { warnings: found.warnings };
    } catch (err) {
      throw toAwsError(err, this.ctx('listing ECS clusters and instances'));
    } finally {
      this.relisting = false;
    }
  }

  /**
   * Lists a settled cluster's services and tasks again at background priority, keeping the old
   * listing until the new one answers whole (a part that fails throws and changes nothing).
   * Returns false, asking nothing, while a listing of the cluster is in flight or was never made.
   */
  async relistCluster(clusterArn: string): Promise<boolean> {
    if (!this.settled.has(clusterArn) || this.contentTickets.has(clusterArn)) return false;
    const ticket: PriorityTicket = { priority: 'background' };
    this.contentTickets.set(clusterArn, ticket);
    const name = arnTail(clusterArn);
    try {
      const listing = await loadCluster(this.session.ecs(this.region), clusterArn, { gate: this.gate.view(ticket), includeStopped: this.includeStopped });
      const partFailed = listing.servicesError ?? listing.tasksError;
      if (partFailed !== undefined) throw toAwsError(partFailed, this.ctx(`listing services and tasks of ${name}`));
      if (this.contentTickets.get(clusterArn) !== ticket) return false; // refreshed or forgotten meanwhile: that listing says it
      this.settled.set(clusterArn, listing.contents);
      this.unlisted.delete(clusterArn);
      this.contentsByArn.set(clusterArn, Promise.resolve(listing.contents));
      return true;
    } catch (err) {
      throw toAwsError(err, this.ctx(`listing services and tasks of ${name}`));
    } finally {
      if (this.contentTickets.get(clusterArn) === ticket) this.contentTickets.delete(clusterArn);
    }
  }

  forgetCluster(clusterArn: string): void {
    this.unlisted.delete(clusterArn);
    this.contentsByArn.delete(clusterArn);
    this.contentTickets.delete(clusterArn);
    this.settled.delete(clusterArn);
  }
}
