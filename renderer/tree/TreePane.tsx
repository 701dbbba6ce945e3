// Left pane: profiles → regions → clusters → services → tasks → containers, and instances per
// region. A filter box on top; a context menu and double-click on targets.
import { useCallback, useMemo, useState } from 'react';
import type { InventoryNode } from '../../shared/contract/index.js';
import { useModel } from '../root/model-context.js';
import { useStore, useStoreValue } from '../state/store.js';
import { ContextMenu } from '../ui/ContextMenu.js';
import { focusFirstMatch } from '../ui/focus-tree.js';
import { menuFor } from './node-menu.js';
import { AddRegionDialog } from './AddRegionDialog.js';
import { ConfigNotice } from './ConfigNotice.js';
import { RefreshAllStatus } from './RefreshAllStatus.js';
import { TargetDetails } from './TargetDetails.js';
import { TreeChildren } from './TreeRow.js';
import { TREE_ROOT, type TreeState } from './tree-store.js';

/** What the sandbox banner says about its shells, said plainly (they are never a real container). */
const SHELLS_NOTE: Readonly<Record<'confined' | 'unconfined', string>> = {
  confined: 'Its shells run on this computer, as you, confined by bubblewrap: your files are read-only to them and each target’s folder is its home.',
  unconfined: 'Its shells run on this computer, as you, and are not confined (bubblewrap is not available): what you run in them can read and change your files.',
};

/** The regions the tree shows under a profile now. */
function shownRegionsOf(tree: TreeState, profile: string): string[] {
  const node = tree.branches.get(TREE_ROOT)?.children.find((n) => n.kind === 'profile' && n.profile === profile);
  const regions = node ? (tree.branches.get(node.id)?.children ?? []) : [];
  return regions.flatMap((n) => (n.kind === 'region' ? [n.region] : []));
}

export function TreePane({ sandboxShells = null }: { sandboxShells?: 'confined' | 'unconfined' | null }) {
  const model = useModel();
  const tree = useStore(model.tree);
  // The node and where; its items are made at render, so an open menu follows the host link.
  const [menu, setMenu] = useState<{ readonly node: InventoryNode; readonly x: number; readonly y: number } | null>(null);
  const linkLost = useStoreValue(model.sessions, (s) => s.linkLost);
  const regionFor = useStore(model.addRegion);
  const closeMenu = useCallback(() => setMenu(null), []);
  const onMenu = useCallback((node: InventoryNode, x: number, y: number) => setMenu({ node, x, y }), []);
  const menuAt = useMemo(
    () => (menu === null ? null : { x: menu.x, y: menu.y, items: menuFor(model, menu.node, { linkLost }), ...(linkLost === null ? {} : { note: linkLost }) }),
    [menu, model, linkLost],
  );
  const refreshAll = useStore(model.refreshAll);
  const refreshing = refreshAll.phase === 'busy';
  const root = tree.branches.get(TREE_ROOT);
  const noProfiles = root?.status === 'ready' && root.children.length === 0;

  return (
    <nav
      id="targets-pane"
      className="pane tree-pane"
      aria-label="Targets"
      onFocus={() => model.tree.setFocused(true)}
      onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && model.tree.setFocused(false)}
    >
      <header className="pane-header">
        <span>Targets</span>
        <RefreshAllStatus state={refreshAll} />
        <span className="pane-header-actions">
          <button
            className={`icon-button${refreshing ? ' busy' : ''}`}
            title={refreshing ? 'Refreshing everything…' : 'Refresh everything'}
            aria-label="Refresh everything"
            aria-busy={refreshing}
            aria-describedby="tree-refresh-status"
            onClick={() => void model.refreshAll.run()}
          >
            <span className="refresh-glyph" aria-hidden="true">↻</span>
          </button>
          <button className="icon-button" title={`Hide targets (${model.keymap.label('toggleTree')})`} aria-label="Hide targets" onClick={() => model.commands.run('toggleTree')}>
            «
          </button>
        </span>
      </header>
      <div className="tree-filter">
        <input
          type="search"
          placeholder="Filter clusters, tasks, instances"
          aria-label="Filter targets"
          value={tree.query}
          onChange={(e) => model.tree.setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') model.tree.setQuery('');
            // ↓ or Enter goes to what the filter found (Enter there opens it), as in an editor's filtered list.
            else if (e.key === 'ArrowDown' || e.key === 'Enter') {
              if (!model.tree.filterPending) {
                if (focusFirstMatch()) e.preventDefault();
                return;
              }
              // Typed faster than the filter's debounce: the rows marked are an earlier query's. Ask for
              // this one now and go to its first match, unless the person typed on meanwhile.
              e.preventDefault();
              const input = e.currentTarget;
              const query = input.value;
              void model.tree.settleFilter().then(() => {
                if (document.activeElement === input && input.value === query) focusFirstMatch();
              });
            }
          }}
        />
        {tree.visible !== null && tree.search !== null && tree.search.total > 0 && (
          <div className="tree-search" role="status" data-testid="filter-progress">
            {!tree.search.done && <span className="spinner" aria-hidden="true" />}
            {tree.search.done ? 'Searched' : 'Searching'} {tree.search.searched} of {tree.search.total} cluster{tree.search.total === 1 ? '' : 's'}
          </div>
        )}
      </div>
      <div className="pane-body tree-body">
        {tree.sandboxOffered && tree.credentialsFound === false && (
          // One line until asked (a short window keeps its rows for the tree); open from the start
          // when shells are not confined, which a person must read before opening one.
          <details className="tree-banner" data-testid="sandbox-banner" open={sandboxShells === 'unconfined'}>
            <summary>
              <strong>No AWS credentials found:</strong> showing the local sandbox.
            </summary>
            <p className="tree-banner-more">
              An emulated AWS account with demo clusters and instances.
              {sandboxShells && <span data-testid="sandbox-shells" data-shells={sandboxShells}> {SHELLS_NOTE[sandboxShells]}</span>}
            </p>
          </details>
        )}
        {/* Keyed by its text: new findings open it again after the person closed the old ones. */}
        <ConfigNotice key={tree.configFindings.map((f) => `${f.file}:${f.line ?? ''}:${f.problem}`).join('\n')} findings={tree.configFindings} />
        <div data-testid="tree">
          {tree.rootError !== null && (
            <p className="notice notice-error" role="alert">
              {tree.rootError}
            </p>
          )}
          {noProfiles && <p className="empty-title tree-empty">No AWS profiles found.</p>}
          {tree.rootError === null && !noProfiles && (
            <div className="tree-root" role="tree" aria-label="AWS targets" aria-busy={refreshing}>
              <TreeChildren parentId={TREE_ROOT} depth={0} branch={root} tree={tree} onMenu={onMenu} />
            </div>
          )}
        </div>
        {noProfiles && !tree.sandboxOffered && (
          <div className="empty-hint">
            Run <code>aws configure</code> or <code>aws configure sso</code>, then refresh. To try Porthole without AWS, start it with <code>PORTHOLE_SANDBOX=1</code> for the local sandbox.
          </div>
        )}
      </div>
      <TargetDetails />
      {menuAt && <ContextMenu menu={menuAt} onClose={closeMenu} />}
      {regionFor !== null && <AddRegionDialog profile={regionFor} shown={shownRegionsOf(tree, regionFor)} onClose={() => model.addRegion.done()} />}
    </nav>
  );
}
