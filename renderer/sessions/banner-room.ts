// Keeps the terminal's last text in sight above the session banner over its foot. An ended
// session's text is moved up by line feeds (TerminalController.keepTextAbove); a session that may
// still go on (connecting, reconnecting, the host link lost, taken by another window) is never
// written to, so its screen is drawn higher instead (liftAbove). Both again when the banner's
// height changes (its line wraps in a narrower pane), and undone when it goes.
import { useLayoutEffect, type RefObject } from 'react';
import type { TerminalController } from '../terminal/terminal-controller.js';

/** `shown`: the banner is on show; `ended`: its session will not go on. */
export function useBannerRoom(bar: RefObject<HTMLElement | null>, controller: TerminalController | undefined, shown: boolean, ended: boolean): void {
  // Before paint: the banner never shows a frame over the last text it is about to make room for.
  useLayoutEffect(() => {
    const el = bar.current;
    if (!shown || el === null || controller === undefined) return;
    const keep = (cover: (() => number) | null): void => (ended ? controller.keepTextAbove(cover) : controller.liftAbove(cover));
    const top = (): number => el.getBoundingClientRect().top;
    keep(top);
    // Only a new height matters; the observer's first call (the height just measured) and width changes do not.
    let height = el.getBoundingClientRect().height;
    const observer = new ResizeObserver((entries) => {
      const next = entries[entries.length - 1]?.contentRect.height;
      if (next === undefined || next === height) return;
      height = next;
      keep(top);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      keep(null);
    };
  }, [bar, controller, shown, ended]);
}
