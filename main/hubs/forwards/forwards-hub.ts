// Every forward of the app, across profiles and regions: one ForwardManager whose StartSession
// picks the profile's credentials and endpoint from the spec, contract shapes out, `updated` and
// `stats` events to every window (forwards are app-wide, not per window). Saved forwards live in
// the one ForwardStore (contract specs); a saved forward is started only when the person restores
// it (it may need MFA, or reach production), never by itself at launch.
import { randomUUID } from 'node:crypto';
import type { ForwardInfo, ForwardSpec, ForwardStats, SavedForward, TargetRef } from '../../../shared/contract/index.js';
import type { AwsService } from '../../aws/aws-service.js';
import type { BackoffSchedule } from '../../ssm/connection/constants.js';
import { ForwardError, ForwardManager, FORWARDS, type RestartSchedule } from '../../sessions/forwards/index.js';
import { ForwardStore, savedForwardProblem } from './forward-store.js';
import { forwardInfo, forwardStats, managerSpec, portTarget, sessionTargetKey, targetNameOf } from './mapping.js';
import { followServiceTarget, serviceLabel } from './follow-service.js';
import { FirstPicks } from './first-pick.js';
import { FOLLOW_RESTARTS_TEXT, noReadyServiceTaskText } from '../../../shared/messages/forwards.js';
import type { PortTarget } from '../../sessions/forwards/types.js';
import { forwardRestartPolicy } from './restart-policy.js';
import { refuseNotReady } from './refuse-not-ready.js';

export interface ForwardsEvents {
  updated(e: { id: string; forward: ForwardInfo | null; note?: string }): void;
  stats(s: ForwardStats): void;
}

export interface ForwardsHubOptions {
  readonly aws: AwsService;
  readonly dataDir: string;
  readonly events: ForwardsEvents;
  /** A sentence for the person (a store set aside, a forward not carried over); default console. */
  readonly notice?: (message: string) => void;
  readonly restartSchedule?: RestartSchedule;
  readonly reconnectBackoff?: BackoffSchedule;
  /** How long a readiness re-check may take (default TARGET_RECHECK_TIMEOUT_MS; tests shorten it). */
  readonly recheckTimeoutMs?: number;
}

/** A forward that follows its service restarts by itself (that is what following is): its spec says so. */
function followRules(spec: ForwardSpec): ForwardSpec {
  return spec.follow === undefined || spec.autoRestart ? spec : { ...spec, autoRestart: true };
}

/** A following forward about to pick its task: named by its service until it has one (not by the task it was made on). */
function picking(spec: ForwardSpec): ForwardSpec {
  return spec.follow === undefined || spec.target.kind !== 'ecs-container' ? spec : { ...spec, targetLabel: serviceLabel(spec.target, spec.follow.service) };
}

/** What a saved entry keeps: a following forward is described by its service, not the task it ran on last. */
function savedSpec(spec: ForwardSpec): ForwardSpec {
  return picking(spec);
}

export class ForwardsHub {
  /** The saved list, for the forwards service. */
  readonly saved = { list: (): Promise<SavedForward[]> => this.#listSaved() };
  readonly #manager: ForwardManager;
  readonly #store: ForwardStore;
  /** Contract spec of every forward in the panel (= in the manager), by id. */
  readonly #specs = new Map<string, ForwardSpec>();
  /** Which saved forward a panel forward is, by panel id. */
  readonly #savedOf = new Map<string, string>();
  /** Saved ids already shown this run: restored after removal, one comes back under a new id. */
  readonly #shown = new Set<string>();
  /**
   * The tree's target of every forward's sessions (by sessionTargetKey), so a failed StartSession
   * is remembered for that target's diagnosis: the manager's spec names only the SSM target.
   */
  readonly #targets = new Map<string, TargetRef>();
  /** Contract spec of a forward inside create() (not listed yet), by id. */
  readonly #creating = new Map<string, ForwardSpec>();
  /** Replies waiting on a following forward's first pick of a task. */
  readonly #firstPicks = new FirstPicks();
  readonly #statsTimer: NodeJS.Timeout;
  #ready: Promise<void> | undefined;

  constructor(private readonly options: ForwardsHubOptions) {
    const notice = options.notice ?? ((message: string) => console.warn(`porthole: ${message}`));
    this.#store = new ForwardStore(options.dataDir, notice);
    this.#manager = new ForwardManager({
      startSession: (input, spec, waiting) => {
        const target = this.#targets.get(sessionTargetKey(spec));
        return target === undefined ? options.aws.startPortSession(input, spec, waiting) : options.aws.portSessionFor(target)(input, spec, waiting);
      },
      ...(options.restartSchedule ? { restartSchedule: options.restartSchedule } : {}),
      restartPolicy: forwardRestartPolicy((profile, region, cluster, task, signal) => options.aws.ecsTaskState(profile, region, cluster, task, signal)),
      ...(options.reconnectBackoff ? { reconnectBackoff: options.reconnectBackoff } : {}),
      retarget: (id, _spec, waiting, fresh) => this.#follow(id, waiting, fresh),
      targetNameOf: (id) => {
        const spec = this.#specs.get(id);
        return spec === undefined ? undefined : targetNameOf(spec);
      },
    });
    this.#manager.on('changed', (id) => this.#changed(id));
    // Rates move every sample even when nothing else changes.
    this.#statsTimer = setInterval(() => this.#emitAllStats(), FORWARDS.RATE_SAMPLE_MS);
    this.#statsTimer.unref();
  }

  /** Reads the saved forwards once (moving older files in); a failure is told, never thrown. */
  ready(): Promise<void> {
    this.#ready ??= this.#store.list().then(
      () => undefined,
      (err: unknown) => (this.options.notice ?? console.warn)(`Saved forwards could not be read: ${err instanceof Error ? err.message : String(err)}`),
    );
    return this.#ready;
  }

  /** A following forward's reply names the task it starts on (first-pick.ts), or its service while a sign-in holds the pick. */
  async create(asked: ForwardSpec): Promise<ForwardInfo> {
    const spec = picking(followRules(asked));
    await this.#refuseNotReady(spec);
    const id = randomUUID();
    // Its first session may look for its service's task before the manager's create returns.
    this.#creating.set(id, spec);
    try {
      await this.#firstPicks.around(id, () => this.#manager.create(this.#launchable(spec), { id }));
      this.#specs.set(id, this.#creating.get(id) ?? spec);
    } finally {
      this.#creating.delete(id);
    }
    const info = this.#info(id);
    this.options.events.updated({ id, forward: info });
    return info;
  }

  /** What is listed now; the first call also starts reading the saved forwards. */
  list(): ForwardInfo[] {
    void this.ready();
    return [...this.#specs.keys()].map((id) => this.#info(id));
  }

  /**
   * Every listed forward's counters now. A stopped or failed forward keeps its last totals (what
   * it moved before it stopped is what the person looks for); the timer's events skip it, so a
   * page that loads later reads them here.
   */
  stats(): ForwardStats[] {
    return [...this.#specs.keys()].map((id) => forwardStats(id, this.#manager.get(id)));
  }

  async stop(id: string): Promise<ForwardInfo> {
    await this.#manager.stop(this.#known(id));
    return this.#info(id);
  }

  /** Refused as a Start is when its target cannot take a session now (a following forward picks a ready task instead). */
  async restart(id: string): Promise<ForwardInfo> {
    await this.#refuseNotReady(this.#specOf(id));
    await this.#firstPicks.around(id, () => this.#manager.restart(id));
    return this.#info(id);
  }

  /** Gone from the panel (stopped); a saved forward stays saved. */
  async remove(id: string): Promise<void> {
    await this.#manager.remove(this.#known(id));
    this.#specs.delete(id);
    this.#savedOf.delete(id);
    this.options.events.updated({ id, forward: null, note: 'removed' });
  }

  /** A forward's new settings reach its saved entry (in place: same savedId) and the panel. */
  async #settle(id: string, spec: ForwardSpec): Promise<ForwardInfo> {
    const savedId = this.#savedOf.get(id);
    const saved = savedId === undefined ? undefined : await this.#store.get(savedId);
    if (saved !== undefined) await this.#store.put({ ...saved, spec: savedSpec(this.#pinned(id, spec)) });
    const info = this.#info(id);
    this.options.events.updated({ id, forward: info });
    return info;
  }

  async setAutoRestart(id: string, enabled: boolean): Promise<ForwardInfo> {
    if (!enabled && this.#specOf(id).follow !== undefined) throw new ForwardError('invalid-spec', FOLLOW_RESTARTS_TEXT);
    const spec = { ...this.#specOf(id), autoRestart: enabled };
    this.#specs.set(id, spec);
    await this.#manager.setAutoRestart(id, enabled);
    return this.#settle(id, spec);
  }

  /**
   * New settings for a forward in the panel (same id): the manager restarts a running one on them
   * and refuses a local port that is taken, changing nothing. A saved forward's saved entry takes
   * them too, in place (same savedId, same place in the list).
   */
  async edit(id: string, asked: ForwardSpec): Promise<ForwardInfo> {
    const spec = followRules(asked);
    const previous = this.#specOf(id);
    // Moved to another target: refused there as a new forward would be (its own target was checked when it started).
    if (sessionTargetKey(managerSpec(previous)) !== sessionTargetKey(managerSpec(spec))) await this.#refuseNotReady(spec);
    // Set first: the manager's 'changed' events during the restart already show the new settings.
    this.#specs.set(id, spec);
    try {
      await this.#manager.edit(id, this.#launchable(spec));
    } catch (err) {
      this.#specs.set(id, previous);
      throw err;
    }
    return this.#settle(id, spec);
  }

  /**
   * Saves the forward as it runs: an automatic local port is saved as the port it listens on (the
   * panel's spec takes it too), so the saved entry, the announcement and every later Start agree,
   * and a client set up for that port keeps working after a restart of Porthole.
   */
  async save(id: string): Promise<SavedForward> {
    await this.ready();
    const spec = savedSpec(this.#pinned(id, this.#specOf(id)));
    const saved: SavedForward = { savedId: this.#savedOf.get(id) ?? id, spec, savedAt: Date.now() };
    await this.#store.put(saved);
    this.#savedOf.set(id, saved.savedId);
    this.#shown.add(saved.savedId);
    this.options.events.updated({ id, forward: this.#info(id) });
    return saved;
  }

  /** Starts a saved forward: listed anew if it is not in the panel, otherwise started if stopped. */
  async restore(savedId: string): Promise<ForwardInfo> {
    await this.ready();
    const stored = await this.#store.get(savedId);
    if (stored === undefined) throw new ForwardError('not-found', `No saved forward with id ${savedId}.`);
    // Saved before following implied auto-restart: it starts (and is listed) as one made now.
    const saved = { ...stored, spec: followRules(stored.spec) };
    const problem = savedForwardProblem(saved);
    if (problem !== undefined) throw new ForwardError('invalid-spec', problem);
    let id = [...this.#savedOf].find(([, s]) => s === savedId)?.[0];
    // Refused as a Start is, on the spec it would start with (the panel's, when it is listed).
    await this.#refuseNotReady(id === undefined ? saved.spec : this.#specOf(id));
    if (id !== undefined) {
      const listed = id;
      await this.#firstPicks.around(listed, () => this.#manager.start(listed));
    } else {
      // A forward removed from the panel earlier comes back under a new id (its old one is gone).
      id = this.#shown.has(savedId) || this.#specs.has(savedId) ? randomUUID() : savedId;
      const spec = picking(saved.spec);
      this.#specs.set(id, spec);
      this.#savedOf.set(id, savedId);
      this.#shown.add(savedId);
      const listed = id;
      try {
        // A port taken meanwhile: listed failed, its row saying what to do (not the form's advice, there is no form).
        await this.#firstPicks.around(listed, () => this.#manager.create(this.#launchable(spec), { id: listed, keepWhenUnbound: true }));
      } catch (err) {
        this.#specs.delete(id);
        this.#savedOf.delete(id);
        throw err;
      }
    }
    const info = this.#info(id);
    this.options.events.updated({ id, forward: info });
    return info;
  }

  /** No longer saved; a forward still in the panel keeps running. */
  async forget(savedId: string): Promise<void> {
    await this.ready();
    if (!(await this.#store.delete(savedId))) throw new ForwardError('not-found', `No saved forward with id ${savedId}.`);
    for (const [id, s] of [...this.#savedOf]) {
      if (s !== savedId) continue;
      this.#savedOf.delete(id);
      if (this.#specs.has(id)) this.options.events.updated({ id, forward: this.#info(id) });
    }
  }

  /** Stops every forward (app quit); saved ones stay saved. */
  async close(): Promise<void> {
    clearInterval(this.#statsTimer);
    await this.#ready;
    await this.#manager.close();
  }

  async #listSaved(): Promise<SavedForward[]> {
    await this.ready();
    return this.#store.list();
  }

  /**
   * Refuses a forward to a target that cannot take a session now (refuse-not-ready.ts: the tree's
   * verdict, taken again from AWS within a bound), before anything is touched: create, restart, a
   * saved forward's Start (restore) and an edit onto another target are all checked alike.
   */
  async #refuseNotReady(spec: ForwardSpec): Promise<void> {
    // A forward following its service starts on whichever of its tasks is ready, not the one picked.
    if (spec.follow !== undefined) return;
    await refuseNotReady(this.options.aws, spec.target, this.options.recheckTimeoutMs);
  }

  /**
   * The task a following forward's next session starts on: the panel's spec (and so its row)
   * takes the task and its name; none ready is a start failure in plain words, retried as any is.
   */
  async #follow(id: string, waiting: ((words: string | null) => void) | undefined, fresh: boolean): Promise<PortTarget> {
    const picked = this.#firstPicks.began(id);
    try {
      // A reply waiting on this pick is not held while a sign-in is: it names the service meanwhile.
      const told = (words: string | null): void => {
        if (words !== null) picked();
        waiting?.(words);
      };
      return await this.#pick(id, told, fresh);
    } finally {
      picked();
    }
  }

  async #pick(id: string, waiting: (words: string | null) => void, fresh: boolean): Promise<PortTarget> {
    const spec = this.#specsHolding(id).get(id);
    if (spec === undefined) throw new ForwardError('not-found', `No forward with id ${id}.`);
    if (spec.follow === undefined || spec.target.kind !== 'ecs-container') return portTarget(spec.target);
    const from = spec.target;
    const service = spec.follow.service;
    // The listing may wait on the profile's credential_process: the row says so, as a session start's does.
    const found = await this.options.aws.helperWaiters.during(from.profile, waiting, () => followServiceTarget(this.options.aws.inventory, from, service, fresh));
    if (found === undefined) throw new ForwardError('target-not-ready', noReadyServiceTaskText(service, spec.autoRestart));
    const next: ForwardSpec = { ...spec, target: found.target, targetLabel: found.label };
    // Looked up again: create() may have moved the spec from #creating to #specs while the cluster
    // was listed. Edited, set or removed meanwhile: left as it is now (a newer run decides).
    const specs = this.#specsHolding(id);
    if (specs.get(id) === spec) specs.set(id, next);
    return this.#launchable(next).target;
  }

  /** The map that holds a forward's spec now: #creating inside create(), #specs once listed. */
  #specsHolding(id: string): Map<string, ForwardSpec> {
    return this.#creating.has(id) ? this.#creating : this.#specs;
  }

  /** The manager's spec of a contract spec, its target noted for the sessions it starts. */
  #launchable(spec: ForwardSpec): ReturnType<typeof managerSpec> {
    const m = managerSpec(spec);
    this.#targets.set(sessionTargetKey(m), spec.target);
    return m;
  }

  /**
   * A saved forward's spec with an automatic local port replaced by the port it last listened on
   * (noted as the panel's spec too); unchanged when it has a fixed port or never listened.
   */
  #pinned(id: string, spec: ForwardSpec): ForwardSpec {
    if (spec.localPort !== 'auto') return spec;
    const port = this.#manager.get(id).localPort;
    if (port === undefined || port <= 0) return spec;
    const pinned: ForwardSpec = { ...spec, localPort: port };
    this.#specs.set(id, pinned);
    return pinned;
  }

  #known(id: string): string {
    if (!this.#specs.has(id)) throw new ForwardError('not-found', `No forward with id ${id}.`);
    return id;
  }

  #specOf(id: string): ForwardSpec {
    const spec = this.#specs.get(id);
    if (spec === undefined) throw new ForwardError('not-found', `No forward with id ${id}.`);
    return spec;
  }

  #info(id: string): ForwardInfo {
    const info = forwardInfo(id, this.#specOf(id), this.#manager.get(id));
    const savedId = this.#savedOf.get(id);
    return savedId === undefined ? info : { ...info, savedId };
  }

  #changed(id: string): void {
    if (!this.#specs.has(id)) return; // still inside create()
    this.options.events.updated({ id, forward: this.#info(id) });
    this.options.events.stats(forwardStats(id, this.#manager.get(id)));
  }

  #emitAllStats(): void {
    for (const id of this.#specs.keys()) {
      const status = this.#manager.get(id);
      if (status.state === 'stopped' || status.state === 'failed') continue;
      this.options.events.stats(forwardStats(id, status));
    }
  }
}
