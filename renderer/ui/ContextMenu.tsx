// A small menu at the pointer (or under a row, from the keyboard). Closes on Escape, on a click
// elsewhere, and after an item runs; focus then goes back where it was.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MenuItem } from '../tree/node-actions.js';
import { useReturnFocus } from './return-focus.js';

/** The menu keeps this far inside the window's edges: its shadow and border stay in sight. */
const EDGE_PX = 4;

/** F1–F24: the only keys an item may be run by from inside the menu (see onKeyDown). */
const FUNCTION_KEY = /^F\d{1,2}$/;

export interface MenuAt {
  readonly x: number;
  readonly y: number;
  readonly items: readonly MenuItem[];
  /** Shown above the items, as text: why several of them are off (the host link lost), as the palette shows its reasons. */
  readonly note?: string;
}

export function ContextMenu({ menu, onClose }: { menu: MenuAt; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ x: menu.x, y: menu.y });
  useReturnFocus();

  useLayoutEffect(() => {
    // Keep the menu inside the window, on every side: an anchor left of or above it (a tab scrolled
    // out of view, say) moves it in as surely as one near the right or lower edge.
    const el = ref.current;
    if (el === null) return;
    const r = el.getBoundingClientRect();
    const inside = (at: number, size: number, room: number): number => Math.max(EDGE_PX, Math.min(at, room - size - EDGE_PX));
    setPos({ x: inside(menu.x, r.width, window.innerWidth), y: inside(menu.y, r.height, window.innerHeight) });
    // On open, and when the items change under the keyboard (one turned off drops the focus to the page).
    const current = document.activeElement;
    if (current instanceof HTMLButtonElement && el.contains(current) && !current.disabled) return;
    (el.querySelector<HTMLButtonElement>('button[aria-checked="true"]:not([disabled])') ?? el.querySelector<HTMLButtonElement>('button:not([disabled])'))?.focus();
  }, [menu]);

  useEffect(() => {
    const onDown = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('mousedown', onDown, true);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('blur', onClose);
    return () => {
      window.removeEventListener('mousedown', onDown, true);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);

  const onKeyDown = (e: React.KeyboardEvent): void => {
    // A function key an item shows (F2 for Rename…) runs that item on what the menu is for (the
    // tab it was opened on, focused or not), as choosing the item would. Chords are the app's
    // shortcuts and act where they always do; Enter, Esc and the arrows keep their menu meaning.
    const plain = !e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey && FUNCTION_KEY.test(e.key);
    const shown = plain ? menu.items.find((item) => item.keys === e.key && item.disabled !== true) : undefined;
    if (shown !== undefined) {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      shown.run();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? [])];
    if (e.key === 'Home' || e.key === 'End') return buttons[e.key === 'Home' ? 0 : buttons.length - 1]?.focus();
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(i + (e.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length]?.focus();
  };

  return (
    <div ref={ref} className="context-menu" role="menu" data-overlay="" style={{ left: pos.x, top: pos.y }} onKeyDown={onKeyDown}>
      {menu.note !== undefined && (
        <p className="context-note" role="note" data-testid="menu-note" title={menu.note}>
          <span className="context-note-text">{menu.note}</span>
        </p>
      )}
      {menu.items.map((item, i) => (
        <button
          key={`${i}:${item.label}`}
          role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
          aria-checked={item.checked}
          className={`context-item${item.checked ? ' checked' : ''}`}
          disabled={item.disabled}
          title={item.hint}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          {item.keys === undefined ? (
            item.label
          ) : (
            <>
              <span className="context-label">{item.label}</span>
              <kbd className="context-keys">{item.keys}</kbd>
            </>
          )}
        </button>
      ))}
    </div>
  );
}
