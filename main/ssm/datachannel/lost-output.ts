// Output lost at the end of a session (§4.3, §3.6): channel_closed arrived while frames were
// still missing below ones already received. Those held frames cannot be delivered without the
// missing ones, and after channel_closed nothing more is resent, so the user must be told.
import type { IncomingGap } from '../channel/index.js';
import type { LostOutput } from './types.js';

/** The loss a gap at close time means, or undefined when nothing was held back. */
export function lostOutput(gap: IncomingGap | undefined): LostOutput | undefined {
  if (!gap) return undefined;
  return { firstMissingSeq: gap.expectedSeq, lastMissingSeq: gap.lowestBuffered - 1, discardedFrames: gap.bufferedFrames };
}

/** One sentence for the status line, e.g. after "Exiting session with sessionId: …". */
export function describeLoss(lost: LostOutput): string {
  const missing = lost.firstMissingSeq === lost.lastMissingSeq ? `message ${lost.firstMissingSeq}` : `messages ${lost.firstMissingSeq}–${lost.lastMissingSeq}`;
  const frames = lost.discardedFrames === 1 ? '1 later message' : `${lost.discardedFrames} later messages`;
  return `Some output was lost: the session closed before the agent's ${missing} arrived, so ${frames} could not be shown.`;
}
