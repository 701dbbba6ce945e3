// Dialogs, menus and popovers give the keyboard back to where it was before they opened (usually
// the terminal), so typing goes on where the person left off. Overlays mark their root with
// data-overlay; the tracker remembers the last focused element outside every overlay, which is
// where a dialog opened from a menu item returns to.
import { useEffect, useState } from 'react';
import { useModel } from '../root/model-context.js';

const OVERLAY = '[data-overlay]';
let lastOutside: HTMLElement | null = null;
let tracking = false;

/** Starts remembering focus outside overlays; idempotent. */
export function trackFocus(): void {
  if (tracking) return;
  tracking = true;
  document.addEventListener('focusin', (e) => {
    if (e.target instanceof HTMLElement && e.target.closest(OVERLAY) === null) lastOutside = e.target;
  });
}

/** Where focus should return to: the focused element, or the last one outside any overlay. */
export function focusOrigin(): HTMLElement | null {
  const now = document.activeElement;
  if (now instanceof HTMLElement && now !== document.body && now.closest(OVERLAY) === null) return now;
  return lastOutside;
}

/** Focuses `from` if it is still there and showing; otherwise `fallback` (the active terminal, else the tree). */
export function returnFocus(from: HTMLElement | null, fallback: () => void): void {
  if (from !== null && from.isConnected && from.closest('[hidden]') === null && from.getClientRects().length > 0) {
    from.focus();
    if (document.activeElement === from) return;
  }
  fallback();
}

/**
 * For an overlay component: remembers where focus was when it first rendered and, once it is gone,
 * returns focus there unless something else took it (a dialog opened by a menu item).
 */
export function useReturnFocus(): void {
  const model = useModel();
  const [from] = useState(focusOrigin);
  useEffect(
    () => () => {
      const now = document.activeElement;
      if (now === null || now === document.body) returnFocus(from, () => model.focusWork());
    },
    [model, from],
  );
}

/** The same, for overlays that render conditionally inside an always-mounted component. */
export function ReturnFocus(): null {
  useReturnFocus();
  return null;
}
