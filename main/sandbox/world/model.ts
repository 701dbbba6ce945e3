/**
 * The world indexed for request handling: per account and region, clusters by name, tasks by id,
 * task definitions by family:revision, instances by id. Built once; handlers only read it, so a
 * generated world of 500,000 tasks answers each Describe call with map lookups. The one change
 * a request makes are StopTask's, UpdateService's and the service scheduler's: a task stops over a
 * few seconds as on AWS (task-stop.ts), a service's replacement task is added and starts
 * (task-launch.ts, api/ecs/service-scheduler.ts). World specs stay as loaded, so a world file
 * shared by several sandboxes is never changed by one of them.
 */
import { arn, lastSegment, runtimeIdFor, type ArnScope } from './arns.js';
import type {
  AccountSpec,
  ClusterSpec,
  ContainerInstanceSpec,
  ContainerSpec,
  InstanceSpec,
  KmsKeySpec,
  RemoteHostSpec,
  SessionPreferencesSpec,
  TaskDefinitionSpec,
  TaskSpec,
  WorldFile,
} from './schema.js';
import { ServiceEntry } from './service-entry.js';
import { launchPhase, type TaskLaunch } from './task-launch.js';
import { stopPhase, type TaskStop } from './task-stop.js';

export type ResolvedContainer = ContainerSpec & { runtimeId: string };

/** A task in its cluster. ARN and runtime ids are derived on first use: most tasks of a big world are never described. */
export class TaskEntry {
  private resolved: readonly ResolvedContainer[] | undefined;
  private stopping: TaskStop | undefined;

  /**
   * `launch`: a task the service scheduler started here (its steps from PROVISIONING to RUNNING);
   * undefined for a task of the world file, which is as the file says from the start.
   */
  constructor(
    private readonly loaded: TaskSpec,
    readonly cluster: ClusterEntry,
    private readonly scope: ArnScope,
    readonly launch?: TaskLaunch,
  ) {}

  /** The task as the world declares it, or as the scheduler's launch or StopTask is leaving it now. */
  get spec(): TaskSpec {
    // Most tasks are never started nor stopped here, and arn/containers read spec on every call: no clock for them.
    if (!this.stopping && !this.launch) return this.loaded;
    return this.specAt(Date.now());
  }

  /** The task as declared (or launched), before any stop: what a replacement copies. */
  get declared(): TaskSpec {
    return this.loaded;
  }

  /** The same at `now` (epoch ms): a starting or stopping task's lastStatus moves on with time. */
  specAt(now: number): TaskSpec {
    const launched = this.launchedAt(now);
    const stop = this.stopping;
    if (!stop) return launched;
    const lastStatus = stopPhase(stop, now);
    return {
      ...launched,
      lastStatus,
      desiredStatus: 'STOPPED',
      stoppedReason: stop.stoppedReason,
      stopCode: stop.stopCode,
      ...(lastStatus === 'STOPPED' ? { stoppedAt: new Date(stop.stoppedAt).toISOString() } : {}),
    };
  }

  /** A launched task's lastStatus (and startedAt once RUNNING) at `now`. */
  private launchedAt(now: number): TaskSpec {
    const launch = this.launch;
    if (!launch) return this.loaded;
    const lastStatus = launchPhase(launch, now);
    return { ...this.loaded, lastStatus, ...(lastStatus === 'RUNNING' ? { startedAt: new Date(launch.runningAt).toISOString() } : {}) };
  }

  /** StopTask's stop, while and after it happens; undefined for a task nobody stopped here. */
  get stop(): TaskStop | undefined {
    return this.stopping;
  }

  /** StopTask: the task stops as `how` plans, and for good (a stopped task never runs again; ECS starts a new one). */
  requestStop(how: TaskStop): void {
    this.stopping = how;
  }

  get arn(): string {
    return arn.task(this.scope, this.cluster.spec.name, this.spec.id);
  }

  /** Containers with their runtime ids resolved. */
  get containers(): readonly ResolvedContainer[] {
    this.resolved ??= this.spec.containers.map((c) => ({ ...c, runtimeId: c.runtimeId ?? runtimeIdFor(this.spec.id, c.name) }));
    return this.resolved;
  }
}

export interface ClusterEntry {
  readonly spec: ClusterSpec;
  readonly arn: string;
  readonly scope: ArnScope;
  /** The world's tasks, then those the service scheduler started here (addTask). */
  readonly tasks: readonly TaskEntry[];
  readonly tasksById: ReadonlyMap<string, TaskEntry>;
  readonly services: ReadonlyMap<string, ServiceEntry>;
  readonly containerInstancesById: ReadonlyMap<string, ContainerInstanceSpec>;
  /** Adds a task the service scheduler launched (a fresh id) to the cluster's lists. */
  addTask(spec: TaskSpec, launch: TaskLaunch): TaskEntry;
}

export class RegionView {
  readonly clusters: ClusterEntry[] = [];
  readonly clustersByName = new Map<string, ClusterEntry>();
  readonly taskDefinitions = new Map<string, TaskDefinitionSpec>();
  readonly latestRevision = new Map<string, number>();
  readonly instances: InstanceSpec[] = [];
  readonly instancesById = new Map<string, InstanceSpec>();
  readonly kmsKeys: KmsKeySpec[] = [];
  /** Session Manager preferences (a region the world does not describe has AWS's defaults: none set). */
  sessionPreferences: SessionPreferencesSpec = {};

  constructor(readonly scope: ArnScope, readonly account: AccountSpec) {}

  /** Cluster by name or ARN; ECS treats an omitted cluster as `default`. */
  cluster(nameOrArn: string | undefined): ClusterEntry | undefined {
    return this.clustersByName.get(lastSegment(nameOrArn ?? 'default'));
  }

  /** `family`, `family:rev` or a task-definition ARN; a bare family means its latest revision. */
  taskDefinition(ref: string): TaskDefinitionSpec | undefined {
    const key = lastSegment(ref);
    if (key.includes(':')) return this.taskDefinitions.get(key);
    const rev = this.latestRevision.get(key);
    return rev === undefined ? undefined : this.taskDefinitions.get(`${key}:${rev}`);
  }

  addCluster(spec: ClusterSpec): void {
    const tasks: TaskEntry[] = [];
    const tasksById = new Map<string, TaskEntry>();
    const entry: ClusterEntry = {
      spec,
      arn: arn.cluster(this.scope, spec.name),
      scope: this.scope,
      tasks,
      tasksById,
      services: new Map(spec.services.map((s) => [s.name, new ServiceEntry(s)])),
      containerInstancesById: new Map(spec.containerInstances.map((ci) => [ci.id, ci])),
      addTask: (t, launch) => {
        const task = new TaskEntry(t, entry, this.scope, launch);
        tasks.push(task);
        tasksById.set(t.id, task);
        return task;
      },
    };
    for (const t of spec.tasks) {
      const task = new TaskEntry(t, entry, this.scope);
      tasks.push(task);
      tasksById.set(t.id, task);
    }
    this.clusters.push(entry);
    this.clustersByName.set(spec.name, entry);
  }
}

export class World {
  private readonly regions = new Map<string, RegionView>();

  constructor(readonly file: WorldFile) {
    for (const account of file.accounts) {
      for (const r of account.regions) {
        const view = new RegionView({ region: r.name, account: account.id }, account);
        for (const td of r.taskDefinitions) {
          view.taskDefinitions.set(`${td.family}:${td.revision}`, td);
          view.latestRevision.set(td.family, Math.max(td.revision, view.latestRevision.get(td.family) ?? 0));
        }
        for (const c of r.clusters) view.addCluster(c);
        for (const i of r.instances) {
          view.instances.push(i);
          view.instancesById.set(i.id, i);
        }
        view.kmsKeys.push(...r.kmsKeys);
        view.sessionPreferences = r.sessionPreferences;
        this.regions.set(`${account.id}/${r.name}`, view);
      }
    }
  }

  get defaultAccount(): AccountSpec {
    const first = this.file.accounts[0];
    if (!first) throw new Error('world has no account'); // the schema requires one
    return first;
  }

  get defaultRegion(): string {
    return this.defaultAccount.regions[0]?.name ?? 'us-east-1';
  }

  get remoteHosts(): readonly RemoteHostSpec[] {
    return this.file.remoteHosts;
  }

  /** A declared account by its 12-digit id (roles and assumed credentials name accounts by id). */
  accountById(id: string): AccountSpec | undefined {
    return this.file.accounts.find((a) => a.id === id);
  }

  /** The account an access key id selects; unknown keys get the first account (any credentials work). */
  accountFor(accessKeyId: string | undefined): AccountSpec {
    const match = accessKeyId ? this.file.accounts.find((a) => a.accessKeyIds.includes(accessKeyId)) : undefined;
    return match ?? this.defaultAccount;
  }

  /** A region the world does not describe is simply empty, as in a real account. */
  region(account: AccountSpec, region: string): RegionView {
    const key = `${account.id}/${region}`;
    let view = this.regions.get(key);
    if (!view) {
      view = new RegionView({ region, account: account.id }, account);
      this.regions.set(key, view);
    }
    return view;
  }

  /** Every region view the world file declares (for target lookups that span the world). */
  declaredRegions(): RegionView[] {
    return this.file.accounts.flatMap((a) => a.regions.map((r) => this.region(a, r.name)));
  }
}
