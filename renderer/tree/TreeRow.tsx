// One row of the target tree and, when expanded, its children (loaded lazily, with progress).
import { Fragment, useState } from 'react';
import type { InventoryNode, PlainError, Stale } from '../../shared/contract/index.js';
import { configFindingText } from '../../shared/format/config-finding.js';
import { counted } from '../../shared/format/words.js';
import { ErrorDetails } from '../ui/ErrorDetails.js';
import { useModel } from '../root/model-context.js';
import { useStore, useStoreValue } from '../state/store.js';
import { forwardsMarkerText } from '../forwards/forward-targets.js';
import { openOrDiagnose } from './node-actions.js';
import { badgeOf, EXPANDABLE, rowLabel, secondaryOf, sharedNames, targetOf, tooltipOf } from './node-view.js';
import { staleText } from './stale-text.js';
import { TREE_ROOT, type Branch, type TreeState } from './tree-store.js';

interface RowProps {
  readonly node: InventoryNode;
  readonly depth: number;
  /** The first row takes keyboard focus while nothing is selected. */
  readonly first?: boolean;
  /** Instance Names a sibling shares: the row adds the end of its id. */
  readonly sameNames?: ReadonlySet<string>;
  /** The row's status is from a listing whose latest refresh failed (its parent's, or one above). */
  readonly staleAbove?: Stale | null;
  readonly onMenu: (node: InventoryNode, x: number, y: number) => void;
}

const INDENT_PX = 14;

export function TreeRow({ node, depth, first = false, sameNames, staleAbove = null, onMenu }: RowProps) {
  const model = useModel();
  const tree = useStore(model.tree);
  const expandable = EXPANDABLE.has(node.kind);
  const expanded = expandable && (tree.expanded.has(node.id) || (tree.visible !== null && tree.revealed.has(node.id)));
  const branch = tree.branches.get(node.id);
  const badge = badgeOf(node);
  const secondary = secondaryOf(node);
  const selected = tree.selected === node.id;
  const target = targetOf(node);
  const isTarget = target !== null;
  // A profile still listed but missing some of its settings says so on its row (the notice above has them all).
  const configProblems = node.kind === 'profile' ? tree.configFindings.filter((f) => f.profile === node.profile) : [];
  const forwarded = useStoreValue(model.forwards, (s) => (target === null ? null : forwardsMarkerText(s.forwards, target)));
  const label = rowLabel(node, sameNames);
  // Its own children's refresh failed (a region's, a cluster's): a quiet mark says since when. A row
  // listed by a stale branch keeps its status, dimmed, with the same words in its tooltip.
  const ownStale = expanded ? (branch?.stale ?? null) : null;
  const stale = ownStale ?? staleAbove;
  // Measured when the pointer comes (a tooltip shows only after a pause), not per render or resize.
  const [labelCut, setLabelCut] = useState(false);

  const activate = (): void => {
    if (expandable) model.tree.toggle(node.id);
    else if (isTarget) openOrDiagnose(model, node);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Enter') activate();
    else if (e.key === 'ArrowRight' && expandable && !expanded) void model.tree.expand(node.id);
    else if (e.key === 'ArrowRight' && expanded) moveFocusTo(e.currentTarget, firstChildRow(e.currentTarget));
    else if (e.key === 'ArrowLeft' && expanded) model.tree.collapse(node.id);
    else if (e.key === 'ArrowLeft') moveFocusTo(e.currentTarget, parentRow(e.currentTarget));
    else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      const r = e.currentTarget.getBoundingClientRect();
      onMenu(node, r.left + 24, r.bottom);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') moveFocus(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
    else if (e.key === 'Home' || e.key === 'End') {
      const rows = treeRows(e.currentTarget);
      moveFocusTo(e.currentTarget, e.key === 'Home' ? rows[0] : rows.at(-1));
    } else return;
    e.preventDefault();
  };

  return (
    <li role="none">
      <div
        role="treeitem"
        aria-expanded={expandable ? expanded : undefined}
        aria-selected={selected}
        tabIndex={selected || (first && tree.selected === null) ? 0 : -1}
        onFocus={() => !selected && model.tree.select(node.id)}
        className={`tree-row kind-${node.kind}${tree.matches.has(node.id) ? ' is-match' : ''}${staleAbove !== null ? ' is-stale' : ''}`}
        style={{ paddingLeft: depth * INDENT_PX + 4 }}
        data-node-kind={node.kind}
        title={withStale(rowTitle(labelCut ? label : null, tooltipOf(node)), stale)}
        onPointerEnter={(e) => {
          const el = e.currentTarget.querySelector('.tree-label');
          setLabelCut(el !== null && el.scrollWidth > el.clientWidth);
        }}
        onClick={() => {
          model.tree.select(node.id);
          if (expandable) model.tree.toggle(node.id);
        }}
        onDoubleClick={() => !expandable && isTarget && openOrDiagnose(model, node)}
        onContextMenu={(e) => {
          e.preventDefault();
          model.tree.select(node.id);
          onMenu(node, e.clientX, e.clientY);
        }}
        onKeyDown={onKeyDown}
      >
        <span className={`tree-chevron${expandable ? '' : ' leaf'}${expanded ? ' open' : ''}`} aria-hidden="true" />
        <span className={`tree-icon icon-${node.kind}`} aria-hidden="true" />
        <span className="tree-label">{label}</span>
        {configProblems.length > 0 && (
          <span className="tree-config-marker" data-testid="tree-config-marker" title={configProblems.map(configFindingText).join('\n')} aria-label={`${counted(configProblems.length, 'problem')} in the AWS config files, listed above the profiles`}>
            ⚠
          </span>
        )}
        {ownStale !== null && (
          <span className="tree-stale-marker" data-testid="tree-stale-marker" title={staleText(ownStale)} aria-label={staleText(ownStale)}>
            ◷
          </span>
        )}
        {forwarded !== null && (
          <span className="tree-forward-marker" data-testid="tree-forward-marker" title={forwarded} aria-label={forwarded.split('\n')[0]}>
            ⇄
          </span>
        )}
        {(secondary || badge) && (
          // The name keeps its room: these wrap out of sight (row-reverse: ports go before the badge)
          // when the row is too narrow, and the row's tooltip still says them.
          <span className="tree-extras">
            <span className="tree-extras-anchor" aria-hidden="true" />
            {badge && (
              <span className="tree-extra">
                <span className={`tree-badge tone-${badge.tone}`}>{badge.text}</span>
              </span>
            )}
            {secondary && (
              <span className="tree-extra">
                <span className="tree-secondary">{secondary}</span>
              </span>
            )}
          </span>
        )}
      </div>
      {expanded && <TreeChildren parentId={node.id} profile={node.profile} depth={depth + 1} branch={branch} tree={tree} staleAbove={stale} onMenu={onMenu} />}
    </li>
  );
}

interface ChildrenProps {
  readonly parentId: string;
  /** The profile these children belong to (absent for the profiles themselves). */
  readonly profile?: string;
  readonly depth: number;
  readonly branch: Branch | undefined;
  readonly tree: TreeState;
  /** The stale mark of this branch, or of the nearest stale one above it. */
  readonly staleAbove?: Stale | null;
  readonly onMenu: RowProps['onMenu'];
}

export function TreeChildren({ parentId, profile, depth, branch, tree, staleAbove = null, onMenu }: ChildrenProps) {
  const model = useModel();
  // An SSO profile whose login is missing or expired can be signed in from the error itself.
  const ssoProfile = profile !== undefined && tree.branches.get(TREE_ROOT)?.children.some((n) => n.kind === 'profile' && n.profile === profile && n.sso === true) ? profile : undefined;
  const signIn = ssoProfile === undefined ? undefined : (): void => void model.sso.signIn(ssoProfile);
  const pad = { paddingLeft: depth * INDENT_PX + 22 };
  const loading = branch?.status === 'loading';
  const retry = (): void => void model.tree.retry(parentId);
  // A failed load stays on screen (with its details) while a retry runs, until one succeeds.
  if (branch?.error && branch.children.length === 0 && (branch.status === 'error' || loading)) {
    return <LoadFailure error={branch.error} style={pad} retrying={loading ? (branch.progress ?? 'Retrying…') : null} onRetry={retry} {...(signIn && /SSO/.test(branch.error.message) ? { onSignIn: signIn } : {})} />;
  }
  if (branch === undefined || (loading && branch.children.length === 0)) {
    return (
      <div className="tree-note" style={pad} role="status">
        <span className="spinner" aria-hidden="true" /> {branch?.progress ?? 'Loading…'}
      </div>
    );
  }
  const children = model.tree.isNarrowed(parentId) ? branch.children.filter((c) => tree.visible?.has(c.id)) : branch.children;
  const same = sharedNames(branch.children);
  // Loaded rows stay while a reload runs; its progress (retries included) shows above them.
  const status = loading && branch.progress !== null && (
    <div className="tree-note" style={pad} role="status">
      <span className="spinner" aria-hidden="true" /> {branch.progress}
    </div>
  );
  const problems = branch.problems.map((p) => (
    <LoadFailure key={p.part} what={p.what} error={p.error} style={pad} retrying={loading ? (branch.progress ?? 'Retrying…') : null} onRetry={retry} />
  ));
  if (children.length === 0) {
    return (
      <>
        {status}
        {problems}
        {problems.length === 0 && (
          <div className="tree-note" style={pad}>
            {model.tree.isNarrowed(parentId) ? 'No matches' : 'Nothing here'}
          </div>
        )}
      </>
    );
  }
  return (
    <>
      {status}
      {problems}
      <ul role="group" className="tree">
        {children.map((child, i) => (
          <Fragment key={child.id}>
            {sectionStarts(children, i) && (
              <li role="presentation" className="tree-section" style={pad}>
                {SECTION_TITLES[child.kind]}
              </li>
            )}
            <TreeRow node={child} depth={depth} first={depth === 0 && i === 0} sameNames={same} staleAbove={staleAbove} onMenu={onMenu} />
          </Fragment>
        ))}
      </ul>
    </>
  );
}

interface FailureProps {
  /** The part that failed ("ECS clusters"); absent when the whole branch did. */
  readonly what?: string;
  readonly error: PlainError;
  readonly style: React.CSSProperties;
  /** The retry's progress while one runs, else null. */
  readonly retrying: string | null;
  readonly onRetry: () => void;
  /** Offered when the failure is a missing or expired SSO login. */
  readonly onSignIn?: () => void;
}

/** A failed lookup on its branch: what failed, what to do, Retry, and the call's details. */
function LoadFailure({ what, error, style, retrying, onRetry, onSignIn }: FailureProps) {
  return (
    <div className="tree-note tree-error" style={style} role="alert" data-part={what}>
      <div>
        {what && <strong>{what} could not be listed. </strong>}
        {error.message}
      </div>
      {error.nextStep && <div className="tree-next">{error.nextStep}</div>}
      {retrying === null ? (
        <div className="tree-actions">
          {onSignIn && (
            <button className="link-button" onClick={onSignIn}>
              Sign in with SSO
            </button>
          )}
          <button className="link-button" onClick={onRetry}>
            Retry
          </button>
        </div>
      ) : (
        <div className="tree-next" role="status">
          <span className="spinner" aria-hidden="true" /> {retrying}
        </div>
      )}
      <ErrorDetails details={error.details} />
    </div>
  );
}

/** The row's tooltip: the whole name first when the row cuts it, then what the tooltip says anyway. */
function rowTitle(cutName: string | null, tooltip: string | undefined): string | undefined {
  // A task's tooltip already starts with its full label (node-view.ts tooltipOf).
  if (cutName === null || tooltip?.split('\n')[0] === cutName) return tooltip;
  return tooltip === undefined ? cutName : `${cutName}\n${tooltip}`;
}

/** The row's tooltip with, when its status is stale, since when and why last. */
function withStale(tooltip: string | undefined, stale: Stale | null): string | undefined {
  if (stale === null) return tooltip;
  return tooltip === undefined ? staleText(stale) : `${tooltip}\n${staleText(stale)}`;
}

/** A region lists clusters and instances together; each kind gets a heading when both are there. */
const SECTION_TITLES: Partial<Record<InventoryNode['kind'], string>> = { cluster: 'ECS clusters', instance: 'Instances' };

function sectionStarts(children: readonly InventoryNode[], i: number): boolean {
  const node = children[i];
  if (node === undefined || SECTION_TITLES[node.kind] === undefined) return false;
  if (!children.some((c) => c.kind !== node.kind)) return false;
  return i === 0 || children[i - 1]?.kind !== node.kind;
}

/** Every row of the tree the row is in, in document (display) order. */
function treeRows(from: HTMLElement): HTMLElement[] {
  return [...(from.closest('[role="tree"]')?.querySelectorAll<HTMLElement>('[role="treeitem"]') ?? [])];
}

/** The row of the item holding this row's item (each row sits in its own li, its children in a list inside it). */
function parentRow(from: HTMLElement): HTMLElement | undefined {
  return from.closest('li')?.parentElement?.closest('li')?.querySelector<HTMLElement>(':scope > [role="treeitem"]') ?? undefined;
}

/** The first row inside an open row's item. */
function firstChildRow(from: HTMLElement): HTMLElement | undefined {
  return from.closest('li')?.querySelector<HTMLElement>(':scope li [role="treeitem"]') ?? undefined;
}

function moveFocusTo(from: HTMLElement, next: HTMLElement | undefined): void {
  if (next === undefined || next === from) return;
  next.tabIndex = 0;
  from.tabIndex = -1;
  next.focus();
}

function moveFocus(from: HTMLElement, step: 1 | -1): void {
  const rows = treeRows(from);
  moveFocusTo(from, rows[rows.indexOf(from) + step]);
}
