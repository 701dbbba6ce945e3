// Keeps the keyboard in a session's banner while its buttons change under it. A shell's end
// shows Reopen and Close tab, and the keyboard (in the terminal, which takes no more input) moves
// to the first; ECS's answer that the task stopped comes a moment later and takes Reopen away.
// Without this the keyboard would fall to the page's body, where Enter does nothing. It moves to
// the banner's first remaining button only when it was in the banner and fell out because its
// button went: a keyboard the person has moved elsewhere (the tree, another tab) is left there.
// A button the keyboard was moved to takes Enter only, not Space, until the person moves the
// keyboard themselves: someone typing when the session ended would otherwise press it with the
// next space, and the rest of the line would run in the new shell ("echo rm -rf x" as "rm -rf x").
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/** Whether the keyboard is nowhere: the element that had it went from the page. */
function keyboardDropped(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

/**
 * `shown` names what the banner shows (the session's state, the link's): when it changes while the
 * keyboard is in the session's pane (its terminal takes no more input), the keyboard moves to the
 * banner's first button; while it stays, the keyboard is kept in the banner as its buttons change.
 */
export function useBannerFocus(bar: RefObject<HTMLElement | null>, first: RefObject<HTMLButtonElement | null>, shown: string): void {
  // Whether the keyboard was last in the banner (kept until it goes somewhere else on purpose).
  const inside = useRef(false);
  // The button this hook moved the keyboard to, while it keeps it: Space does not press it.
  const placed = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    const button = first.current;
    const pane = button?.closest('.session-pane');
    if (!button || !pane?.contains(document.activeElement)) return;
    button.focus();
    // Set here too: a window without the system's focus may fire no focusin for it.
    inside.current = true;
    placed.current = button;
  }, [first, shown]);
  useEffect(() => {
    const onIn = (e: FocusEvent) => {
      inside.current = e.target instanceof Node && bar.current?.contains(e.target) === true;
      if (e.target !== placed.current) placed.current = null;
    };
    // A button presses on Space's keyup unless its keydown was cancelled.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === ' ' && placed.current !== null && e.target === placed.current) e.preventDefault();
    };
    const onPointer = () => {
      placed.current = null;
    };
    // On the document: the banner (and its bar) is not on the page while the session is connected.
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    // Leaving for nowhere is the person's doing (a click on no control) unless the element it left
    // went from the page: that is the banner's change, and the keyboard should stay in the banner.
    // A window that lost focus keeps its active element, so it still counts as inside.
    const onOut = (e: FocusEvent) => {
      const left = e.target;
      if (e.relatedTarget !== null || !(left instanceof Node)) return;
      queueMicrotask(() => {
        if (left.isConnected && document.activeElement !== left) inside.current = bar.current?.contains(document.activeElement) === true;
      });
    };
    document.addEventListener('focusin', onIn);
    document.addEventListener('focusout', onOut);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('focusin', onIn);
      document.removeEventListener('focusout', onOut);
    };
  }, [bar]);
  // After every change to the banner: if its focused button went, the keyboard goes to its first.
  useLayoutEffect(() => {
    if (inside.current && keyboardDropped()) {
      // Still the keyboard this hook placed when the button it was on went.
      const wasPlaced = placed.current !== null;
      first.current?.focus();
      if (wasPlaced) placed.current = first.current;
    }
    inside.current = bar.current?.contains(document.activeElement) === true;
  });
}
