// The row of session tabs: status dot with its reason, rename on double-click, drag to reorder,
// middle-click or × to close; a red dot while the session is recorded. By keyboard (the tablist
// pattern): ←/→, Home/End move between tabs without switching, Ctrl+Shift+←/→ move the focused
// tab along the strip, Enter or Space shows the one focused, F2 renames it, Shift+F10 opens its
// menu (so a tab can be shown beside the active one).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useModel } from '../root/model-context.js';
import { useStoreValue } from '../state/store.js';
import { ContextMenu, type MenuAt } from '../ui/ContextMenu.js';
import { rovingIndex } from '../ui/roving-index.js';
import type { Tab } from './session-store.js';
import { revealTab, useTabOverflow } from './tab-overflow.js';
import { tabMenu } from './tab-menu.js';
import { tabMenuAnchor } from './tab-menu-anchor.js';
import { tabListMenu } from './tab-list-menu.js';
import { detailLine, inputWaitLine, recordingLine, reconnectLine, STATE_WORDS, statusLine } from './tab-status.js';
import { tabTitleParts } from './tab-title.js';

/**
 * The title: the target's name and the " (3)" stay, what it shares with other tabs gives way first
 * (tab-title.ts). The name, a separator that goes with the head, and the head are one run of text
 * with one ellipsis at its end: cut apart, a long name and the head each drew their own "…".
 */
function TabTitle({ title, titles }: { title: string; titles: readonly string[] }) {
  const p = tabTitleParts(title, titles);
  // The separator shrinks with the head it precedes; with no head it stays with the tail.
  const sepInLead = p.separator !== '' && p.head !== '';
  return (
    <span className="tab-title">
      <span className={`tab-title-lead${sepInLead ? ' tab-title-elided' : ''}`}>
        <span className="tab-title-name">{p.name}</span>
        {sepInLead && <span className="tab-title-sep">{p.separator}</span>}
        {p.head && <span className="tab-title-head">{p.head}</span>}
      </span>
      {p.separator && !sepInLead && <span className="tab-title-fixed tab-title-sep">{p.separator}</span>}
      {p.tail && <span className="tab-title-fixed tab-title-tail">{p.tail}</span>}
      {p.number && <span className="tab-title-fixed tab-title-number">{p.number}</span>}
    </span>
  );
}

/**
 * The tab's menu position (tab-menu-anchor.ts): under the strip, at the pointer's column for a
 * right-click. From the keyboard (`pointerX` null) the tab is scrolled fully into the strip's view
 * first: the focused tab may be partly or wholly scrolled out (by the wheel or the arrows).
 */
function menuAnchor(tab: HTMLElement, pointerX: number | null): { readonly x: number; readonly y: number } {
  const strip = tab.parentElement;
  if (pointerX === null && strip !== null) revealTab(strip, tab);
  const r = tab.getBoundingClientRect();
  const shown = strip?.getBoundingClientRect() ?? r;
  const bottom = tab.closest('.tab-bar')?.getBoundingClientRect().bottom ?? r.bottom;
  return tabMenuAnchor(r, { left: shown.left, right: shown.right, bottom }, pointerX);
}

/** The tab an arrow, Home or End key moves to from `from` (wrapping at the ends), or null for any other key. */
function neighbourTab(from: HTMLElement, key: string): HTMLElement | null {
  const all = [...(from.parentElement?.querySelectorAll<HTMLElement>(':scope > [role="tab"]') ?? [])];
  const to = rovingIndex(key, all.indexOf(from), all.length);
  return to === null ? null : (all[to] ?? null);
}

interface TabProps {
  readonly tab: Tab;
  /** Every tab's title, to tell which part of this one differs. */
  readonly titles: readonly string[];
  readonly active: boolean;
  readonly beside: boolean;
  readonly onDragOver: (key: string) => void;
  readonly onMenu: (tab: Tab, at: { readonly x: number; readonly y: number }, rename: () => void) => void;
}

function TabButton({ tab, titles, active, beside, onDragOver, onMenu }: TabProps) {
  const model = useModel();
  const [editing, setEditing] = useState(false);
  // The palette's Rename tab… asks the active tab for its box.
  const renameAsked = useStoreValue(model.tabRename, (key) => key === tab.key);
  useEffect(() => {
    if (!renameAsked) return;
    model.tabRename.taken();
    setEditing(true);
  }, [renameAsked, model]);
  return (
    <div
      role="tab"
      aria-selected={active}
      tabIndex={active ? 0 : -1}
      className={`tab tab-${tab.status.state}${inputWaitLine(tab) === null ? '' : ' tab-unanswered'}${beside ? ' beside' : ''}`}
      title={[tab.title, statusLine(tab), detailLine(tab), reconnectLine(tab), recordingLine(tab)].filter((l) => l !== null).join('\n')}
      data-session-id={tab.sessionId ?? undefined}
      data-state={tab.status.state}
      data-reconnects={tab.reconnects}
      data-input-wait={inputWaitLine(tab) === null ? undefined : 'true'}
      data-recording={tab.recording === null ? undefined : 'true'}
      draggable={!editing}
      onDragStart={(e) => e.dataTransfer.setData('application/x-porthole-tab', tab.key)}
      onDragOver={(e) => {
        e.preventDefault();
        onDragOver(tab.key);
      }}
      // Right and middle clicks leave the keyboard where it is (a menu returns it there).
      onMouseDown={(e) => e.button !== 0 && e.preventDefault()}
      onClick={() => {
        model.sessions.activate(tab.key);
        model.focusTerminal();
      }}
      onAuxClick={(e) => e.button === 1 && void model.sessions.close(tab.key)}
      onKeyDown={(e) => {
        if (editing || e.target !== e.currentTarget) return;
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          model.sessions.activate(tab.key);
          model.focusTerminal();
        } else if (e.ctrlKey && e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
          // Dragging by keyboard: the tab moves and keeps the keyboard (React keeps its element).
          e.preventDefault();
          model.sessions.moveBy(tab.key, e.key === 'ArrowLeft' ? -1 : 1);
          const moved = e.currentTarget;
          requestAnimationFrame(() => moved.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
        } else if (e.key === 'F2') {
          e.preventDefault();
          setEditing(true);
        } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
          // Handled here rather than by the browser's contextmenu event, which places a keyboard menu where it likes.
          e.preventDefault();
          onMenu(tab, menuAnchor(e.currentTarget, null), () => setEditing(true));
        } else {
          const next = neighbourTab(e.currentTarget, e.key);
          if (next === null) return;
          e.preventDefault();
          next.focus();
          next.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        }
      }}
      onDoubleClick={() => setEditing(true)}
      onContextMenu={(e) => {
        e.preventDefault();
        // A contextmenu event without the right button came from the keyboard (if its keydown got past onKeyDown).
        onMenu(tab, menuAnchor(e.currentTarget, e.button === 2 ? e.clientX : null), () => setEditing(true));
      }}
    >
      <span className="tab-dot" aria-label={STATE_WORDS[tab.status.state]} role="img" />
      {editing ? (
        <input
          className="tab-rename"
          aria-label="Tab name"
          defaultValue={tab.title}
          autoFocus
          // All selected, showing the name's start: a name longer than the box showed only its end.
          onFocus={(e) => {
            e.target.setSelectionRange(0, e.target.value.length, 'backward');
            e.target.scrollLeft = 0;
          }}
          onBlur={(e) => {
            setEditing(false);
            void model.sessions.rename(tab.key, e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
            if (e.key === 'Escape') setEditing(false);
            // The box goes away with the keyboard in it: back to this tab's terminal, not the page body.
            if (e.key === 'Enter' || e.key === 'Escape') model.focusTerminal();
            e.stopPropagation();
          }}
        />
      ) : (
        <TabTitle title={tab.title} titles={titles} />
      )}
      {tab.recording !== null && <span className="tab-rec" role="img" aria-label="Recording" title={recordingLine(tab) ?? undefined} />}
      <button
        className="tab-close"
        aria-label={`Close ${tab.title}`}
        title={`Close (${model.keymap.label('closeTab')})`}
        // The keyboard stays in the terminal; a cancelled confirmation gives it back there.
        onMouseDown={(e) => e.preventDefault()}
        onClick={(e) => {
          e.stopPropagation();
          void model.sessions.close(tab.key);
        }}
      >
        ×
      </button>
    </div>
  );
}

export function TabStrip({ tabs, activeKey, pairKey }: { tabs: readonly Tab[]; activeKey: string | null; pairKey: string | null }) {
  const model = useModel();
  const [over, setOver] = useState<string | null>(null);
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const onMenu = useCallback(
    (tab: Tab, at: { readonly x: number; readonly y: number }, rename: () => void) => {
      const lost = model.sessions.state.linkLost;
      // The reason said once, as text, above the items it turns off (as the tree's menu does).
      setMenu({ x: at.x, y: at.y, items: tabMenu(model, tab, rename), ...(lost === null ? {} : { note: lost }) });
    },
    [model],
  );
  const strip = useRef<HTMLDivElement>(null);
  const overflow = useTabOverflow(strip, activeKey, tabs.length);
  const titles = useMemo(() => tabs.map((t) => t.title), [tabs]);
  const openList = (button: HTMLElement): void => {
    const r = button.getBoundingClientRect();
    const items = tabListMenu(tabs, activeKey, (id) => model.keymap.label(id), (key) => {
      model.sessions.activate(key);
      model.focusTerminal();
    });
    setMenu({ x: r.right, y: r.bottom + 2, items });
  };
  return (
    <div className={`tab-bar${overflow.overflows ? ' overflowing' : ''}`}>
      {overflow.overflows && (
        <button className="tab-scroll" aria-label="Scroll tabs left" title="Scroll tabs left" tabIndex={-1} disabled={overflow.atStart} onMouseDown={(e) => e.preventDefault()} onClick={() => overflow.scrollBy(-1)}>
          ‹
        </button>
      )}
      <div
        ref={strip}
        className="tab-strip"
        role="tablist"
        aria-label="Sessions"
        onDrop={(e) => {
          const key = e.dataTransfer.getData('application/x-porthole-tab');
          if (key) model.sessions.move(key, over);
          setOver(null);
        }}
        onDragOver={(e) => e.preventDefault()}
        onDragEnd={() => setOver(null)}
        // A mouse wheel without a horizontal axis scrolls the tabs sideways.
        onWheel={(e) => {
          if (e.deltaX === 0 && e.deltaY !== 0) e.currentTarget.scrollLeft += e.deltaY;
        }}
      >
        {tabs.map((t) => (
          <TabButton key={t.key} tab={t} titles={titles} active={t.key === activeKey} beside={t.key === pairKey} onDragOver={setOver} onMenu={onMenu} />
        ))}
      </div>
      {overflow.overflows && (
        <>
          <button className="tab-scroll" aria-label="Scroll tabs right" title="Scroll tabs right" tabIndex={-1} disabled={overflow.atEnd} onMouseDown={(e) => e.preventDefault()} onClick={() => overflow.scrollBy(1)}>
            ›
          </button>
          <button className="tab-list-button" aria-label={`All tabs (${tabs.length})`} title="All tabs" aria-haspopup="menu" onClick={(e) => openList(e.currentTarget)}>
            <span aria-hidden="true">⌄</span>
            <span className="tab-list-count">{tabs.length}</span>
          </button>
        </>
      )}
      {menu && <ContextMenu menu={menu} onClose={closeMenu} />}
    </div>
  );
}
