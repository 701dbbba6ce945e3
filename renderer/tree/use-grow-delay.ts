// The details under the tree grow from one line when a target is selected; growing on the first
// click of a double-click could cover the row the second click is aimed at (the rows near the
// tree's foot), so the growth waits out a double-click. Shrinking and changing target are at once.
import { useEffect, useState } from 'react';

export const GROW_DELAY = {
  /** The longest common double-click interval (Windows' default is 500 ms): past it, no second click is coming. */
  MS: 500,
} as const;

/** `shown` once it has been non-null for GROW_DELAY.MS (at once when it was already non-null). */
export function useGrowDelay<T>(shown: T | null): T | null {
  const [settled, setSettled] = useState<T | null>(shown);
  const growing = shown !== null && settled === null;
  useEffect(() => {
    if (!growing) {
      setSettled(shown);
      return undefined;
    }
    const timer = setTimeout(() => setSettled(shown), GROW_DELAY.MS);
    return () => clearTimeout(timer);
  }, [shown, growing]);
  return growing ? null : shown;
}

/**
 * True from the render where `present` turns false until GROW_DELAY.MS later: the area keeps its
 * height that long. Shrinking on the first click of a click on a row above (selecting a task after
 * a container) would let the tree's scroll clamp and move that row before the button comes up,
 * so the click would land on no row.
 */
export function useShrinkHold(present: boolean): boolean {
  const [held, setHeld] = useState(false);
  const [was, setWas] = useState(present);
  if (was !== present) {
    // Adjusting state while rendering (React's documented pattern for a change of a prop).
    setWas(present);
    setHeld(!present);
  }
  useEffect(() => {
    if (!held) return undefined;
    const timer = setTimeout(() => setHeld(false), GROW_DELAY.MS);
    return () => clearTimeout(timer);
  }, [held]);
  return held || (was && !present);
}
