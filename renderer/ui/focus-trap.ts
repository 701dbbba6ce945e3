// Keeping Tab inside an overlay (the Dialog, the settings popover): the keyboard never wanders to
// the page behind it.
import type { KeyboardEvent } from 'react';

/** What Tab can reach inside an overlay. */
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The overlay's reachable elements that are showing, in document order (one taken out of the Tab sequence, tabindex -1, is not). */
export function focusables(box: HTMLElement): HTMLElement[] {
  return [...box.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0);
}

/** Tab and Shift+Tab wrap at the ends, so the keyboard stays inside `box`. */
export function trapTab(e: KeyboardEvent, box: HTMLElement): void {
  const all = focusables(box);
  const first = all[0];
  const last = all[all.length - 1];
  if (first === undefined || last === undefined) return e.preventDefault();
  const at = document.activeElement;
  const inside = at instanceof HTMLElement && box.contains(at);
  if (e.shiftKey && (at === first || !inside)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (at === last || !inside)) {
    e.preventDefault();
    first.focus();
  }
}
