// A list that follows new rows like a terminal: it stays at the bottom while the person is at the
// bottom, and stays put once they scrolled up (with "newer rows below" for a jump back).
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export const FOLLOW = {
  /** Within about a row of the bottom counts as at the bottom (fractional scroll positions, zoom). */
  SLACK_PX: 24,
} as const;

export interface Follow {
  /** The list keeps to the newest rows. */
  readonly following: boolean;
  /** Rows arrived below while the person looked higher up. */
  readonly newerBelow: boolean;
  readonly onScroll: () => void;
  readonly jumpToLatest: () => void;
}

/** `version` changes whenever rows are added (the frames array itself does). */
export function useFollow(ref: RefObject<HTMLElement | null>, version: unknown): Follow {
  const [following, setFollowing] = useState(true);
  const [newerBelow, setNewerBelow] = useState(false);
  const followingRef = useRef(true);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (el === null) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= FOLLOW.SLACK_PX;
    followingRef.current = atBottom;
    setFollowing(atBottom);
    if (atBottom) setNewerBelow(false);
  }, [ref]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    if (followingRef.current) el.scrollTop = el.scrollHeight;
    else setNewerBelow(true);
  }, [ref, version]);

  const jumpToLatest = useCallback(() => {
    const el = ref.current;
    followingRef.current = true;
    setFollowing(true);
    setNewerBelow(false);
    if (el !== null) el.scrollTop = el.scrollHeight;
  }, [ref]);

  return { following, newerBelow, onScroll, jumpToLatest };
}
