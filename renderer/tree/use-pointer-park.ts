// Whether the pointer rests where it pressed a row near the tree's foot: a second press there may
// still be the second half of a double-click, however slow the person's double-click setting is
// (Windows allows 900 ms, GNOME and macOS longer), so the details under the tree must not grow
// and cover or scroll that row meanwhile. Moving the pointer off the spot, a key, the wheel or
// leaving the window ends it: past the OS's double-click distance a press is a new click.
import { useEffect, useState, type RefObject } from 'react';

export const POINTER_PARK = {
  /** The double-click distance: Windows' SM_CXDOUBLECLK is 4 px, GTK's default 5 px. */
  SLOP_PX: 5,
} as const;

/**
 * True while the last left press was on a tree row the grown details could reach (within their
 * growth of the tree body's foot) and the pointer has stayed within SLOP_PX of it.
 */
export function usePointerPark(details: RefObject<HTMLElement | null>): boolean {
  const [parked, setParked] = useState(false);
  useEffect(() => {
    let at: { x: number; y: number } | null = null;
    const release = (): void => {
      if (at === null) return;
      at = null;
      setParked(false);
    };
    const down = (e: PointerEvent): void => {
      const body = e.target instanceof Element ? e.target.closest('.tree-body') : null;
      const area = details.current;
      if (e.button !== 0 || body === null || area === null || e.target instanceof Element === false || e.target.closest('.tree-row') === null) return release();
      // The most the area can grow by: from its height now to its bound (--details-height).
      const growth = Math.max(0, parseFloat(getComputedStyle(area).maxHeight) - area.offsetHeight);
      if (!(growth > 0) || e.clientY < body.getBoundingClientRect().bottom - growth) return release();
      at = { x: e.clientX, y: e.clientY };
      setParked(true);
    };
    const move = (e: PointerEvent): void => {
      if (at !== null && Math.hypot(e.clientX - at.x, e.clientY - at.y) > POINTER_PARK.SLOP_PX) release();
    };
    document.addEventListener('pointerdown', down, true);
    document.addEventListener('pointermove', move, true);
    document.addEventListener('keydown', release, true);
    document.addEventListener('wheel', release, true);
    window.addEventListener('blur', release);
    return () => {
      document.removeEventListener('pointerdown', down, true);
      document.removeEventListener('pointermove', move, true);
      document.removeEventListener('keydown', release, true);
      document.removeEventListener('wheel', release, true);
      window.removeEventListener('blur', release);
    };
  }, [details]);
  return parked;
}
