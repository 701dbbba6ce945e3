// One row of the target tree and, when expanded, its children (loaded lazily, with progress).
import { Fragment } from 'react';
import type { InventoryNode } from '../../shared/contract/index.js';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { openShell } from './node-actions.js';
import { badgeOf, EXPANDABLE, rowLabel, secondaryOf, targetOf, tooltipOf } from './node-view.js';
import type { Branch, TreeState } from './tree-store.js';

interface RowProps {
  readonly node: InventoryNode;
  readonly depth: number;
  /** The first row takes keyboard focus while nothing is selected. */
  readonly first?: boolean;
  readonly onMenu: (node: InventoryNode, x: number, y: number) => void;
}

const INDENT_PX = 14;

export function TreeRow({ node, depth, first = false, onMenu }: RowProps) {
  const model = useModel();
  const tree = useStore(model.tree);
  const expandable = EXPANDABLE.has(node.kind);
  const expanded = expandable && (tree.visible !== null ? tree.visible.has(node.id) : tree.expanded.has(node.id));
  const branch = tree.branches.get(node.id);
  const badge = badgeOf(node);
  const secondary = secondaryOf(node);
  const selected = tree.selected === node.id;
  const isTarget = targetOf(node) !== null;

  const activate = (): void => {
    if (expandable) model.tree.toggle(node.id);
    else if (isTarget) openShell(model, node);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Enter') activate();
    else if (e.key === 'ArrowRight' && expandable && !expanded) void model.tree.expand(node.id);
    else if (e.key === 'ArrowLeft' && expanded) model.tree.collapse(node.id);
    else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      const r = e.currentTarget.getBoundingClientRect();
      onMenu(node, r.left + 24, r.bottom);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') moveFocus(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
    else return;
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
        className={`tree-row kind-${node.kind}${tree.matches.has(node.id) ? ' is-match' : ''}`}
        style={{ paddingLeft: depth * INDENT_PX + 4 }}
        data-node-kind={node.kind}
        title={tooltipOf(node)}
        onClick={() => {
          model.tree.select(node.id);
          if (expandable) model.tree.toggle(node.id);
        }}
        onDoubleClick={() => !expandable && isTarget && openShell(model, node)}
        onContextMenu={(e) => {
          e.preventDefault();
          model.tree.select(node.id);
          onMenu(node, e.clientX, e.clientY);
        }}
        onKeyDown={onKeyDown}
      >
        <span className={`tree-chevron${expandable ? '' : ' leaf'}${expanded ? ' open' : ''}`} aria-hidden="true" />
        <span className={`tree-icon icon-${node.kind}`} aria-hidden="true" />
        <span className="tree-label">{rowLabel(node)}</span>
        {secondary && <span className="tree-secondary">{secondary}</span>}
        {badge && <span className={`tree-badge tone-${badge.tone}`}>{badge.text}</span>}
      </div>
      {expanded && <TreeChildren parentId={node.id} depth={depth + 1} branch={branch} tree={tree} onMenu={onMenu} />}
    </li>
  );
}

interface ChildrenProps {
  readonly parentId: string;
  readonly depth: number;
  readonly branch: Branch | undefined;
  readonly tree: TreeState;
  readonly onMenu: RowProps['onMenu'];
}

export function TreeChildren({ parentId, depth, branch, tree, onMenu }: ChildrenProps) {
  const model = useModel();
  const pad = { paddingLeft: depth * INDENT_PX + 22 };
  if (branch === undefined || (branch.status === 'loading' && branch.children.length === 0)) {
    return (
      <div className="tree-note" style={pad} role="status">
        <span className="spinner" aria-hidden="true" /> {branch?.progress ?? 'Loading…'}
      </div>
    );
  }
  if (branch.status === 'error' && branch.error) {
    return (
      <div className="tree-note tree-error" style={pad} role="alert">
        <div>{branch.error.message}</div>
        {branch.error.nextStep && <div className="tree-next">{branch.error.nextStep}</div>}
        <button className="link-button" onClick={() => void model.tree.load(parentId)}>
          Try again
        </button>
      </div>
    );
  }
  const children = tree.visible === null ? branch.children : branch.children.filter((c) => tree.visible?.has(c.id));
  if (children.length === 0) {
    return (
      <div className="tree-note" style={pad}>
        {tree.visible === null ? 'Nothing here' : 'No matches'}
      </div>
    );
  }
  return (
    <ul role="group" className="tree">
      {children.map((child, i) => (
        <Fragment key={child.id}>
          {sectionStarts(children, i) && (
            <li role="presentation" className="tree-section" style={pad}>
              {SECTION_TITLES[child.kind]}
            </li>
          )}
          <TreeRow node={child} depth={depth} first={depth === 0 && i === 0} onMenu={onMenu} />
        </Fragment>
      ))}
    </ul>
  );
}

/** A region lists clusters and instances together; each kind gets a heading when both are there. */
const SECTION_TITLES: Partial<Record<InventoryNode['kind'], string>> = { cluster: 'ECS clusters', instance: 'Instances' };

function sectionStarts(children: readonly InventoryNode[], i: number): boolean {
  const node = children[i];
  if (node === undefined || SECTION_TITLES[node.kind] === undefined) return false;
  if (!children.some((c) => c.kind !== node.kind)) return false;
  return i === 0 || children[i - 1]?.kind !== node.kind;
}

function moveFocus(from: HTMLElement, step: 1 | -1): void {
  const rows = [...(from.closest('[role="tree"]')?.querySelectorAll<HTMLElement>('[role="treeitem"]') ?? [])];
  const next = rows[rows.indexOf(from) + step];
  if (next) {
    next.tabIndex = 0;
    from.tabIndex = -1;
    next.focus();
  }
}
