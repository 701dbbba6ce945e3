// Keeps the terminal's text in sight beside the session banner. A closed session's banner floats
// over the terminal's foot: an ended session's text is moved up by line feeds
// (TerminalController.keepTextAbove); one that may still go on elsewhere (the host link lost, taken
// by another window) is never written to, so its screen is drawn higher instead (liftAbove). Both
// again when the banner's height changes (its line wraps in a narrower pane), and undone when it
// goes. A connecting or reconnecting session's banner takes rows of its own below the terminal,
// which refits at once when it comes and when it goes (useBannerRows).
import { useLayoutEffect, useRef, type RefObject } from 'react';
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

/**
 * `inFlow`: a banner that takes rows below the terminal is shown. The terminal refits in the same
 * frame the banner comes or goes (not after the fit's debounce), so no frame shows rows under it
 * or a gap where it was. xterm keeps a shrunk screen's top rows in its scrollback and brings them
 * back when it grows: only text on the last rows moves, up and back down by the banner's rows.
 */
export function useBannerRows(controller: TerminalController | undefined, inFlow: boolean): void {
  const fittedFor = useRef(false);
  // After the commit that added or removed the banner, so the slot measures its new size.
  useLayoutEffect(() => {
    if (controller === undefined || fittedFor.current === inFlow) return;
    fittedFor.current = inFlow;
    controller.refit();
  }, [controller, inFlow]);
}
