// When the tabs no longer fit at their minimum width the strip scrolls: this hook says whether it
// overflows and whether either end is hidden, keeps the active tab in view (after a tab opens, the
// window or the tree pane resizes, or the arrows appear and take room), and scrolls by a step.
import { useCallback, useEffect, useLayoutEffect, useState, type RefObject } from 'react';

export const TAB_OVERFLOW = {
  /** One arrow click scrolls this share of the visible strip: the next tabs show with one still in sight for context. */
  STEP_SHARE: 0.75,
  /** Sub-pixel widths (zoom, fractional DPR) leave a scrollWidth a pixel over clientWidth without any hidden tab. */
  SLACK_PX: 1,
} as const;

export interface OverflowState {
  readonly overflows: boolean;
  readonly atStart: boolean;
  readonly atEnd: boolean;
}

const NONE: OverflowState = { overflows: false, atStart: true, atEnd: true };

function measure(el: HTMLElement): OverflowState {
  const overflows = el.scrollWidth - el.clientWidth > TAB_OVERFLOW.SLACK_PX;
  if (!overflows) return NONE;
  return { overflows, atStart: el.scrollLeft <= TAB_OVERFLOW.SLACK_PX, atEnd: el.scrollLeft + el.clientWidth >= el.scrollWidth - TAB_OVERFLOW.SLACK_PX };
}

function same(a: OverflowState, b: OverflowState): boolean {
  return a.overflows === b.overflows && a.atStart === b.atStart && a.atEnd === b.atEnd;
}

/** Scrolls the strip (and only the strip, not the page) so `tab` is fully in view. The strip is positioned, so a tab's offsetLeft is from its start. */
export function revealTab(strip: HTMLElement, tab: HTMLElement): void {
  const left = tab.offsetLeft;
  if (left < strip.scrollLeft) strip.scrollLeft = left;
  else if (left + tab.offsetWidth > strip.scrollLeft + strip.clientWidth) strip.scrollLeft = left + tab.offsetWidth - strip.clientWidth;
}

/** Scrolls the strip so the selected tab is fully in view. */
function revealActive(el: HTMLElement): void {
  const tab = el.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
  if (tab !== null) revealTab(el, tab);
}

export function useTabOverflow(strip: RefObject<HTMLElement | null>, activeKey: string | null, tabCount: number) {
  const [state, setState] = useState<OverflowState>(NONE);
  const update = useCallback(() => {
    const el = strip.current;
    if (el === null) return;
    const next = measure(el);
    setState((s) => (same(s, next) ? s : next));
  }, [strip]);

  // Before paint, so a new or activated tab never shows half-hidden for a frame.
  useLayoutEffect(() => {
    const el = strip.current;
    if (el === null) return;
    revealActive(el);
    update();
  }, [strip, activeKey, tabCount, update]);

  useEffect(() => {
    const el = strip.current;
    if (el === null) return;
    const observer = new ResizeObserver(() => {
      revealActive(el);
      update();
    });
    observer.observe(el);
    el.addEventListener('scroll', update, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', update);
    };
  }, [strip, update]);

  const scrollBy = useCallback(
    (direction: -1 | 1) => {
      const el = strip.current;
      if (el === null) return;
      el.scrollBy({ left: direction * el.clientWidth * TAB_OVERFLOW.STEP_SHARE, behavior: 'smooth' });
    },
    [strip],
  );

  return { ...state, scrollBy };
}
