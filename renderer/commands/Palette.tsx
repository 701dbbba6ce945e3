// The command palette and quick open, one box as in VS Code: a query starting with ">" lists every
// command of the registry with its keys; any other query fuzzy-finds targets (recent ones first),
// loading the clusters of open regions as it searches (the tree filter's search, filter-search.ts).
// A combobox over a listbox: arrows move, Enter runs, Ctrl+Enter forwards (both diagnose a target
// that is not ready), Esc gives the keyboard back.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { searchClusters, type FilterSearchProgress } from '../tree/filter-search.js';
import { badgeOf } from '../tree/node-view.js';
import { Dialog } from '../ui/Dialog.js';
import { commandTitle, commandUnavailable, TARGET_COMMANDS, targetSource } from './command-refusal.js';
import { COMMANDS } from './commands.js';
import { fuzzyMatch, highlightRuns } from './fuzzy.js';
import type { CommandId } from './keymap.js';
import { commandState, runCommand, runTargetItem } from './palette-actions.js';
import { quickOpenAction } from './quick-open-action.js';
import { indexNodes, quickOpenItems, type TargetItem } from './quick-open-items.js';

export const PALETTE = {
  /** The prefix that switches quick open to commands (VS Code's). */
  COMMAND_PREFIX: '>',
  /** Rows PageUp/PageDown move: about one screen of the list. */
  PAGE_ROWS: 8,
} as const;

type Row =
  | {
      readonly kind: 'command';
      readonly key: string;
      readonly command: (typeof COMMANDS)[number];
      /** Its name now: a Tree command names the selected node. */
      readonly title: string;
      readonly hits: readonly number[];
      /** Why it cannot run now (shown on the row, which is disabled); null when it can. */
      readonly unavailable: string | null;
    }
   | { readonly kind: 'target'; readonly key: string; readonly item: TargetItem };

function Marked({ text, hits }: { text: string; hits: readonly number[] }) {
  return (
    <>
      {highlightRuns(text, hits).map((r, i) => (r.hit ? <mark key={i}>{r.text}</mark> : <span key={i}>{r.text}</span>))}
    </>
  );
}

/** A target's badge when it is not ready (Enter and Ctrl+Enter then diagnose it instead); ready ones stay quiet. */
function Trouble({ item }: { item: TargetItem }) {
  if (item.node === null || (item.node.kind !== 'container' && item.node.kind !== 'instance')) return null;
  const badge = badgeOf(item.node);
  if (badge === null || badge.tone === 'ok') return null;
  return (
    <span className={`tree-badge tone-${badge.tone}`} title={badge.hint}>
      {badge.text}
    </span>
  );
}

/** Beside a target command: where its target comes from, so a command never acts on a surprise. */
function Source({ source }: { source: 'tab' | 'tree' | null }) {
  if (source === null) return null;
  return (
    <span className="palette-tag" data-testid="command-source" title={SOURCE_HINTS[source]}>
      {source === 'tab' ? 'active tab' : 'tree selection'}
    </span>
  );
}

const SOURCE_HINTS = {
  tab: "The active tab's target: the terminal had the keyboard last. Go to the tree and select a node to act on that instead.",
  tree: "The tree's selected node: the tree had the keyboard last. Go back to the terminal to act on its tab instead.",
} as const;

function searchLine(search: FilterSearchProgress | null): string | null {
  if (search === null || search.total === 0) return null;
  return `${search.done ? 'Searched' : 'Searching'} ${search.searched} of ${search.total} cluster${search.total === 1 ? '' : 's'}`;
}

export function Palette({ initialQuery, onClose }: { initialQuery: string; onClose: () => void }) {
  const model = useModel();
  const tree = useStore(model.tree);
  const { branches } = tree;
  const { settings } = useStore(model.settings);
  // Which commands can run depends on the tabs: the rows follow them while the palette is open.
  const sessions = useStore(model.sessions);
  // The target commands act on the tree's selection or the active tab, whichever last had the keyboard.
  const workArea = useStore(model.workArea);
  const [query, setQuery] = useState(initialQuery);
  const [active, setActive] = useState(0);
  const [search, setSearch] = useState<FilterSearchProgress | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const closed = useRef(false);
  const searching = useRef(false);
  const listId = useId();
  const commandMode = query.startsWith(PALETTE.COMMAND_PREFIX);
  const recents = settings?.recentTargets;

  // The target commands follow the tree's selection; Settings waits for the settings.
  const state = useMemo(() => commandState(model), [model, sessions, tree, settings, workArea]);
  const rows = useMemo((): Row[] => {
    if (commandMode) {
      const q = query.slice(PALETTE.COMMAND_PREFIX.length).trim();
      const matched = COMMANDS.filter((c) => !c.inTerminal)
        .map((command) => {
          const title = commandTitle(command, state);
          return { command, title, m: fuzzyMatch(q, title) };
        })
        .filter((x) => x.m !== null)
        .sort((a, b) => (b.m?.score ?? 0) - (a.m?.score ?? 0))
        .map(({ command, title, m }): Row => ({ kind: 'command', key: command.id, command, title, hits: m?.positions ?? [], unavailable: commandUnavailable(command, state) }));
      // Browsing (nothing typed): what can run comes first, what cannot after it. A typed query
      // keeps the best match first even when it cannot run, so Enter never runs another command.
      if (q !== '') return matched;
      const canRun = (r: Row): boolean => r.kind === 'command' && r.unavailable === null;
      return [...matched.filter(canRun), ...matched.filter((r) => !canRun(r))];
    }
    return quickOpenItems(indexNodes(branches), recents ?? [], query).map((item) => ({ kind: 'target', key: item.id, item }));
  }, [commandMode, query, branches, recents, state]);

  // Targets not loaded yet: the first typed query starts loading the open regions' clusters, once.
  useEffect(() => {
    if (commandMode || query.trim().length === 0 || searching.current) return;
    searching.current = true;
    void searchClusters(model.tree, { stale: () => closed.current, progress: setSearch, loaded: async () => undefined });
  }, [model, commandMode, query]);
  useEffect(
    () => () => {
      closed.current = true;
    },
    [],
  );

  useEffect(() => setActive(0), [query]);
  const current = rows[Math.min(active, rows.length - 1)];
  const activeIndex = Math.min(active, rows.length - 1);
  const optionId = (index: number): string => `${listId}-${index}`;
  useEffect(() => {
    if (activeIndex >= 0) document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  });

  /** Closes first (focus goes back where it was), then acts, so what the action focuses keeps it. */
  const choose = (row: Row | undefined, forward: boolean): void => {
    if (row === undefined) return;
    // A command that cannot run now stays picked with its reason in view; the palette stays open.
    if (row.kind === 'command' && row.unavailable !== null) return;
    const action = row.kind === 'target' ? quickOpenAction(row.item, forward) : null;
    if (action === 'none') return;
    onClose();
    requestAnimationFrame(() => {
      if (row.kind === 'command') runCommand(model, row.command);
      else if (action !== null) runTargetItem(model, row.item, action);
    });
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    const last = rows.length - 1;
    if (e.key === 'ArrowDown') setActive((a) => (a >= last ? 0 : a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => (a <= 0 ? last : a - 1));
    else if (e.key === 'PageDown') setActive((a) => Math.min(last, a + PALETTE.PAGE_ROWS));
    else if (e.key === 'PageUp') setActive((a) => Math.max(0, a - PALETTE.PAGE_ROWS));
    else if (e.key === 'Enter') choose(current, e.ctrlKey || e.metaKey);
    else return;
    e.preventDefault();
  };

  /** A runnable command's second column: its group, or for a target command the target it acts on. */
  const whereOf = (id: CommandId): string => {
    const command = COMMANDS.find((c) => c.id === id);
    return TARGET_COMMANDS.has(id) && state.target !== null ? `on ${state.target.title}` : (command?.group ?? '');
  };

  const progress = commandMode ? null : searchLine(search);
  const ctrl = model.keymap.mac ? '⌘' : 'Ctrl';
  const title = commandMode ? 'Commands' : 'Go to target';
  return (
    <Dialog title={title} closeLabel="Close" onClose={onClose} className="palette" initialFocus={input} testId="palette">
      <input
        ref={input}
        className="palette-input"
        role="combobox"
        aria-label={commandMode ? 'Command' : 'Target name (type > for commands)'}
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current ? optionId(activeIndex) : undefined}
        placeholder={commandMode ? '' : 'Container, instance, task, service, cluster… (> for commands)'}
        spellCheck={false}
        autoComplete="off"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {progress !== null && (
        <div className="palette-search" role="status" data-testid="palette-search">
          {!search?.done && <span className="spinner" aria-hidden="true" />}
          {progress}
        </div>
      )}
      <ul ref={list} id={listId} className="palette-list" role="listbox" aria-label={commandMode ? 'Commands' : 'Targets'}>
        {rows.map((row, index) => (
          <li
            key={row.key}
            id={optionId(index)}
            role="option"
            aria-selected={row === current}
            aria-disabled={row.kind === 'command' && row.unavailable !== null ? true : undefined}
            className={`palette-row${row === current ? ' is-active' : ''}${row.kind === 'command' && row.unavailable !== null ? ' is-disabled' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => row !== current && setActive(index)}
            onClick={(e) => choose(row, e.ctrlKey || e.metaKey)}
          >
            {row.kind === 'command' ? (
              <>
                <span className="palette-label">
                  <Marked text={row.title} hits={row.hits} />
                </span>
                {row.unavailable === null ? (
                  <span className="palette-where" title={whereOf(row.command.id)}>
                    {whereOf(row.command.id)}
                  </span>
                ) : (
                  <span className="palette-where palette-unavailable" data-testid="command-unavailable" title={row.unavailable}>
                    {row.unavailable}
                  </span>
                )}
                <Source source={targetSource(row.command, state)} />
                <span className="palette-keys">
                  {model.keymap.labels(row.command.id).map((k) => (
                    <kbd key={k}>{k}</kbd>
                  ))}
                </span>
              </>
            ) : (
              <>
                <span className={`tree-icon icon-${row.item.kind}`} aria-hidden="true" />
                <span className="palette-label">
                  <Marked text={row.item.label} hits={row.item.labelHits} />
                </span>
                <span className="palette-where" title={row.item.where}>
                  <Marked text={row.item.where} hits={row.item.whereHits} />
                </span>
                <Trouble item={row.item} />
                {row.item.recent !== null && <span className="palette-tag">recent</span>}
              </>
            )}
          </li>
        ))}
      </ul>
      {rows.length === 0 && <p className="palette-empty">{commandMode ? 'No command matches.' : search !== null && !search.done ? 'No target matches yet…' : 'No target matches.'}</p>}
      <p className="palette-hint">
        {commandMode ? (
          <>
            <kbd>Enter</kbd> run · <kbd>Esc</kbd> close
          </>
        ) : current?.kind === 'target' && quickOpenAction(current.item, false) === 'diagnose' ? (
          <>
            <kbd>Enter</kbd> / <kbd>{ctrl}+Enter</kbd> diagnose (not ready) · <kbd>&gt;</kbd> commands · <kbd>Esc</kbd> close
          </>
        ) : (
          <>
            <kbd>Enter</kbd> shell · <kbd>{ctrl}+Enter</kbd> forward… · <kbd>&gt;</kbd> commands · <kbd>Esc</kbd> close
          </>
        )}
      </p>
    </Dialog>
  );
}
