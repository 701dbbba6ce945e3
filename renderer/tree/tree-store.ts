// The target tree's state: children per loaded node (lazy), expansion, progress and errors from
// inventory events, and the filter's matches. Node ids are main's; the UI only hands them back.
import { INVENTORY_ROOT_ID, MAX_WATCHED_NODES } from '../../shared/contract/inventory.js';
import type { ConfigFinding, InventoryNode, LoadProblem, PlainError, Result, Stale } from '../../shared/contract/index.js';
import { errorText, plainError, type PortholeClient } from '../bridge/client.js';
import { Store } from '../state/store.js';
import { searchClusters, type FilterSearchProgress } from './filter-search.js';
import { TreeRestore, type TreeMemoryStore } from './tree-memory.js';
import { TreeViewSaver } from './tree-view-saver.js';
import type { RefreshAnswer } from './refresh-all.js';

/** The parent id whose children are the profiles. */
export const TREE_ROOT = INVENTORY_ROOT_ID;

export const TREE = {
  /** Wait for typing to pause before asking main to filter: one request per word, not per key. */
  FILTER_DEBOUNCE_MS: 150,
} as const;

export interface Branch {
  readonly status: 'loading' | 'ready' | 'error';
  readonly children: readonly InventoryNode[];
  readonly error: PlainError | null;
  /** The latest progress line while loading ("Listing tasks in demo-web (2 of 5)"). */
  readonly progress: string | null;
  /** Parts that could not be listed while the rest could; shown with Retry until a reload succeeds. */
  readonly problems: readonly LoadProblem[];
  /** Set while main's background refresh of these children fails: they are as of `since`. */
  readonly stale: Stale | null;
}

export interface TreeState {
  readonly branches: ReadonlyMap<string, Branch>;
  readonly expanded: ReadonlySet<string>;
  readonly selected: string | null;
  readonly query: string;
  /** While filtering: the matching ids and their ancestors; null when not filtering. */
  readonly visible: ReadonlySet<string> | null;
  readonly matches: ReadonlySet<string>;
  /** While filtering: the ancestors of matches, shown open with only the visible children under them. */
  readonly revealed: ReadonlySet<string>;
  /** While filtering: how far loading the clusters to search has come; null when not searching. */
  readonly search: FilterSearchProgress | null;
  /** The keyboard is in the tree (the status bar then says what Enter does). */
  readonly focused: boolean;
  readonly credentialsFound: boolean | null;
  readonly sandboxOffered: boolean;
  readonly rootError: string | null;
  /** What is wrong in the AWS config files the profiles were last read from (shown above the profiles). */
  readonly configFindings: readonly ConfigFinding[];
}

/** A loaded node by id (the selected one, say); undefined when no loaded branch holds it. */
export function findNode(tree: TreeState, id: string | null): InventoryNode | undefined {
  if (id === null) return undefined;
  for (const b of tree.branches.values()) {
    const n = b.children.find((c) => c.id === id);
    if (n !== undefined) return n;
  }
  return undefined;
}

const EMPTY_BRANCH: Branch = { status: 'loading', children: [], error: null, progress: null, problems: [], stale: null };

export class TreeStore extends Store<TreeState> {
  #filterTimer: ReturnType<typeof setTimeout> | null = null;
  #filterSeq = 0;
  /** The query (by its sequence number) whose matches the tree shows. */
  #appliedSeq = 0;
  /** The filter request the debounce is holding back, run at once by settleFilter. */
  #pendingFilter: (() => void) | null = null;
  /** Settles when the tree shows the matches for the query typed last (its first answer, not the cluster search after it). */
  #firstAnswer: Promise<void> = Promise.resolve();
  readonly #offs: Array<() => void> = [];
  #started = false;
  /** The remembered view being restored; null on a first start. */
  #restore: TreeRestore | null = null;
  /** Saves this window's open branches and selection; null when they are not kept. */
  readonly #saver: TreeViewSaver | null;
  /** Whether the window is shown (main polls nothing for a hidden one). */
  #visible = true;
  /** The open nodes and visibility last told to main, so an unchanged view sends nothing. */
  #watched = '';

  constructor(
    private readonly client: PortholeClient,
    /** Where the open branches and the selection are kept across reloads; none: not kept. */
    private readonly memory: TreeMemoryStore | null = null,
  ) {
    super({ branches: new Map(), expanded: new Set(), selected: null, query: '', visible: null, matches: new Set(), revealed: new Set(), search: null, focused: false, credentialsFound: null, sandboxOffered: false, rootError: null, configFindings: [] });
    this.#saver = memory === null ? null : new TreeViewSaver(memory, () => this.state, () => this.#restore);
  }

  /** Subscribes to inventory events and loads the profiles; idempotent (StrictMode mounts twice). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#offs.push(
      this.client.on('inventory', 'progress', ({ nodeId, message, done }) => {
        if (nodeId !== null) this.#patchBranch(nodeId, (b) => ({ ...b, progress: done ? null : message }));
      }),
      this.client.on('inventory', 'error', ({ nodeId, error }) => {
        if (nodeId === null) this.change((s) => ({ ...s, rootError: error.message }));
        else this.#patchBranch(nodeId, (b) => ({ ...b, status: 'error', error, progress: null }));
      }),
      this.client.on('inventory', 'changed', ({ parentId, nodes, problems, configFindings }) => {
        // Main says when children turn fresh again (`stale`): a change alone (one task's state) does not.
        this.#patchBranch(parentId, (b) => ({ status: 'ready', children: nodes, error: null, progress: null, problems: problems ?? [], stale: b.stale }));
        this.#resume(parentId);
        if (parentId === TREE_ROOT) this.#setFindings(configFindings ?? []);
      }),
      this.client.on('inventory', 'stale', ({ parentId, stale }) => {
        if (this.branch(parentId) !== undefined) this.#patchBranch(parentId, (b) => ({ ...b, stale }));
      }),
    );
    // Main keeps what this window has open live (inventory.watch): tell it whenever that changes.
    this.#offs.push(this.subscribe(() => this.#watch()));
    void this.#loadRoot();
  }

  /** The window was shown or hidden: main polls the open nodes only while it is shown. */
  setVisible(visible: boolean): void {
    this.#visible = visible;
    this.#watch();
  }

  /** The open nodes a person can see: expanded, under expanded ancestors, parents first. */
  openNodes(): string[] {
    const out: string[] = [];
    const walk = (parent: string): void => {
      for (const c of this.branch(parent)?.children ?? []) {
        if (out.length >= MAX_WATCHED_NODES) return;
        if (!this.state.expanded.has(c.id)) continue;
        out.push(c.id);
        walk(c.id);
      }
    };
    walk(TREE_ROOT);
    return out;
  }

  #watch(): void {
    const nodeIds = this.openNodes();
    const key = JSON.stringify([this.#visible, nodeIds]);
    if (key === this.#watched) return;
    this.#watched = key;
    // A host without the live tree (older) refuses the call: the tree then stays as loaded, as before.
    this.client.call('inventory', 'watch', { nodeIds, visible: this.#visible }).catch(() => undefined);
  }

  branch(id: string): Branch | undefined {
    return this.state.branches.get(id);
  }


  async #loadRoot(): Promise<void> {
    const saved = this.memory?.saved() ?? Promise.resolve(null);
    // The profiles' nodes are asked for beside the profiles, not after them: one round trip less
    // before the tree shows (issue 16 §1). They are applied after, as before, once the saved view is known.
    const rootChildren = this.#children(TREE_ROOT);
    try {
      const info = await this.client.call('inventory', 'profiles', {});
      this.change((s) => ({ ...s, credentialsFound: info.credentialsFound, sandboxOffered: info.sandboxOffered, rootError: null }));
    } catch (err) {
      // The root error says it; the nodes' answer (most likely the same failure) is not shown too.
      rootChildren.catch(() => undefined);
      this.change((s) => ({ ...s, rootError: errorText(err) }));
      return;
    }
    const view = await saved;
    const saver = this.#saver;
    if (view !== null) {
      this.#restore = new TreeRestore(view);
      saver?.restored();
    }
    if (saver !== null) this.subscribe(() => saver.changed());
    await this.load(TREE_ROOT, rootChildren);
    if (view !== null) return;
    // A first visit opens the first profile and its first region, where the targets are.
    const first = this.branch(TREE_ROOT)?.children[0];
    if (first === undefined) return;
    await this.expand(first.id);
    const region = this.branch(first.id)?.children[0];
    if (region !== undefined) await this.expand(region.id);
  }

  #children(id: string): Promise<Result<'inventory', 'children'>> {
    return this.client.call('inventory', 'children', { parentId: id });
  }

  /** Loads a node's children; `asked`: the answer of a request already sent for them. */
  async load(id: string, asked?: Promise<Result<'inventory', 'children'>>): Promise<void> {
    // What was loaded (children, and the problems beside them) stays on screen while reloading.
    this.#patchBranch(id, (b) => ({ ...b, status: 'loading' }));
    try {
      const { nodes, problems, configFindings, stale } = await (asked ?? this.#children(id));
      this.#patchBranch(id, () => ({ status: 'ready', children: nodes, error: null, progress: null, problems: problems ?? [], stale: stale ?? null }));
      this.#resume(id);
      if (id === TREE_ROOT) this.#setFindings(configFindings ?? []);
    } catch (err) {
      this.#patchBranch(id, (b) => ({ ...b, status: 'error', error: plainError(err), progress: null }));
    }
  }

  /** Children of an open branch arrived: opens and selects what was remembered among them. */
  #resume(parentId: string): void {
    const restore = this.#restore;
    const branch = this.branch(parentId);
    if (restore === null || branch === undefined || (parentId !== TREE_ROOT && !this.state.expanded.has(parentId))) return;
    const { open, select } = restore.childrenLoaded(
      parentId,
      branch.children.map((c) => c.id),
    );
    if (select !== null && this.state.selected === null) this.change((s) => ({ ...s, selected: select }));
    for (const id of open) void this.expand(id);
  }

  /** Saves what this window changed in the open branches and the selection since its last save, now (tree-view-saver.ts). */
  flushView(): void {
    this.#saver?.flush();
  }

  async expand(id: string): Promise<void> {
    this.change((s) => ({ ...s, expanded: new Set(s.expanded).add(id) }));
    const b = this.branch(id);
    if (b === undefined || b.status === 'error') await this.load(id);
  }

  /** Loads again every failed branch among a node's children (after a sign-in, say). */
  async retryFailedBelow(id: string): Promise<void> {
    const failed = (this.branch(id)?.children ?? []).filter((c) => this.branch(c.id)?.status === 'error');
    await Promise.all(failed.map((c) => this.load(c.id)));
  }

  /** Retry of a failed branch or part: reloads it from AWS, keeping what is shown until the answer. */
  async retry(id: string): Promise<void> {
    if (this.branch(id)?.status === 'error') return this.load(id);
    await this.refresh(id);
  }

  collapse(id: string): void {
    this.change((s) => {
      const expanded = new Set(s.expanded);
      expanded.delete(id);
      return { ...s, expanded };
    });
  }

  toggle(id: string): void {
    if (this.isExpanded(id)) this.collapse(id);
    else void this.expand(id);
  }

  /** While filtering, ancestors of matches are open; a match itself opens when the person opens it. */
  isExpanded(id: string): boolean {
    return this.state.expanded.has(id) || (this.state.visible !== null && this.state.revealed.has(id));
  }

  /** Whether a branch's children are narrowed to the filter's (only under ancestors of matches). */
  isNarrowed(parentId: string): boolean {
    return this.state.visible !== null && (parentId === TREE_ROOT || this.state.revealed.has(parentId));
  }

  setFocused(focused: boolean): void {
    if (focused !== this.state.focused) this.change((s) => ({ ...s, focused }));
  }

  select(id: string | null): void {
    this.#restore?.dropSelection();
    this.change((s) => ({ ...s, selected: id }));
  }

  /**
   * Reloads a node's children from AWS (main drops its cache; `changed` events follow); resolves
   * with null when it all worked, why it failed, or the branches below that failed to reload.
   */
  async refresh(id: string | null): Promise<RefreshAnswer> {
    if (id !== null && this.branch(id) !== undefined) this.#patchBranch(id, (b) => ({ ...b, status: 'loading' }));
    // Open branches that had failed: main never loaded them, so its refresh cannot; everything means them too.
    const failedOpen = id === null ? [...this.state.expanded].filter((open) => this.branch(open)?.status === 'error') : [];
    try {
      const { failures } = await this.client.call('inventory', 'refresh', { nodeId: id ?? TREE_ROOT });
      await this.load(id ?? TREE_ROOT);
      const branch = this.branch(id ?? TREE_ROOT);
      if (branch?.status === 'error') return { failed: branch.error?.message ?? 'The list could not be read.' };
      await Promise.all(failedOpen.map((open) => this.load(open)));
      const still = failedOpen.flatMap((open) => this.branch(open)?.error ?? []);
      const count = (failures?.count ?? 0) + still.length;
      const first = failures?.first ?? still[0];
      return first === undefined ? null : { failures: { count, first } };
    } catch (err) {
      if (id !== null) this.#patchBranch(id, (b) => ({ ...b, status: 'error', error: plainError(err) }));
      else this.change((s) => ({ ...s, rootError: errorText(err) }));
      return { failed: errorText(err) };
    }
  }

  setQuery(query: string): void {
    this.change((s) => ({ ...s, query }));
    if (this.#filterTimer !== null) clearTimeout(this.#filterTimer);
    this.#filterTimer = null;
    this.#pendingFilter = null;
    const seq = ++this.#filterSeq;
    if (query.trim().length === 0) {
      this.#appliedSeq = seq;
      this.#firstAnswer = Promise.resolve();
      this.change((s) => ({ ...s, visible: null, matches: new Set(), revealed: new Set(), search: null }));
      return;
    }
    let answered: () => void = () => undefined;
    this.#firstAnswer = new Promise<void>((resolve) => (answered = resolve));
    const run = (): void => {
      this.#filterTimer = null;
      this.#pendingFilter = null;
      const first = this.#filter(query.trim(), seq);
      void first.then(answered);
      void first.then(() =>
        // Main only searches what discovery loaded: load the clusters' services, tasks and
        // containers (bounded), asking again as each cluster comes in.
        searchClusters(this, {
          stale: () => seq !== this.#filterSeq,
          progress: (search) => this.change((s) => ({ ...s, search })),
          loaded: () => this.#filter(query.trim(), seq),
        }),
      );
    };
    this.#pendingFilter = run;
    this.#filterTimer = setTimeout(run, TREE.FILTER_DEBOUNCE_MS);
  }

  /**
   * Whether the matches shown are still those of an earlier query: the debounce is holding the
   * last one back, or its answer has not come. ↓ and Enter in the filter then wait for settleFilter.
   */
  get filterPending(): boolean {
    return this.#pendingFilter !== null || this.#appliedSeq !== this.#filterSeq;
  }

  /** Asks for the last query's matches now (no debounce) and settles once the tree shows them. */
  settleFilter(): Promise<void> {
    this.#pendingFilter?.();
    return this.#firstAnswer;
  }

  async #filter(query: string, seq: number): Promise<void> {
    let matches;
    try {
      ({ matches } = await this.client.call('inventory', 'filter', { query }));
    } catch {
      return;
    }
    if (seq !== this.#filterSeq) return;
    this.#appliedSeq = seq;
    const visible = new Set<string>();
    const revealed = new Set<string>();
    for (const m of matches) {
      visible.add(m.node.id);
      for (const a of m.ancestors) {
        visible.add(a);
        revealed.add(a);
      }
    }
    this.change((s) => ({ ...s, visible, revealed, matches: new Set(matches.map((m) => m.node.id)) }));
    // An ancestor the tree never opened has no children here yet: load them, or it would say Loading… for ever.
    await Promise.all([...revealed].filter((id) => this.branch(id) === undefined).map((id) => this.load(id)));
  }

  stop(): void {
    for (const off of this.#offs.splice(0)) off();
  }

  #setFindings(configFindings: readonly ConfigFinding[]): void {
    this.change((s) => ({ ...s, configFindings }));
  }

  #patchBranch(id: string, change: (b: Branch) => Branch): void {
    this.change((s) => {
      const branches = new Map(s.branches);
      branches.set(id, change(s.branches.get(id) ?? EMPTY_BRANCH));
      return { ...s, branches };
    });
  }
}
