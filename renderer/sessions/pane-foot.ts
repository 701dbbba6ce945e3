// The height of the bar over a session pane's foot (its banner), as the pane's --pane-foot: what
// else floats at the foot (the find bar moved aside to it) sits above the banner, not over its
// buttons. 0 (the stylesheet's) while no banner is shown.
import { useLayoutEffect, type RefObject } from 'react';

/** The custom property on .session-pane (styles/terminal.css and find-bar.css read it). */
export const PANE_FOOT = '--pane-foot';

/**
 * Keeps the pane's --pane-foot at the banner's height while `bar` is shown over the pane's foot
 * (`floating`; a banner that takes rows of its own leaves it 0); `shown` names what is shown, so a
 * new banner measures again.
 */
export function usePaneFoot(bar: RefObject<HTMLElement | null>, shown: string, floating: boolean): void {
  useLayoutEffect(() => {
    if (!floating) return;
    const el = bar.current;
    const pane = el?.closest<HTMLElement>('.session-pane');
    if (el === null || el === undefined || pane === null || pane === undefined) return;
    const measure = (): void => pane.style.setProperty(PANE_FOOT, `${el.offsetHeight}px`);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => {
      observer.disconnect();
      pane.style.removeProperty(PANE_FOOT);
    };
  }, [bar, shown, floating]);
}
