// The one line under a forward's destination in its row (ForwardRow): what its start waits on (a
// profile's credential_process) while it does, else its problem in plain words when it has one (a
// session that failed, or a connection the agent refused), with its tooltip.
import type { ForwardInfo, ForwardStats } from '../../shared/contract/index.js';
import { connectionErrorText, failedConnectionsText, restartedAfterText } from '../../shared/messages/forwards.js';
import { placeOf, type TargetEntry } from './forward-targets.js';

/** "14:02:11": when the last connection failed (today's clock; the date is in the tooltip). */
function clock(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour12: false });
}

/** The one line under a forward's destination: what it waits on or its problem when it has one, else where the target is. */
export function problemOf(f: ForwardInfo, stats: ForwardStats | undefined, index: ReadonlyMap<string, TargetEntry>): { text: string; tone: 'warn' | 'fail'; title: string } | null {
  // Waiting on a sign-in is what the person must act on now; an earlier run's error is past.
  if (f.helperWait !== undefined) return { text: f.helperWait, tone: 'warn', title: f.helperWait };
  const error = stats?.error ?? f.error;
  if (error) {
    const text = `${error.message}${error.nextStep ? ` ${error.nextStep}` : ''}`;
    // Listening again (a new session after the last one ended): the problem is past, not the forward's state.
    if ((stats?.state ?? f.state) === 'listening') {
      const past = restartedAfterText(text);
      return { text: past, tone: 'warn', title: past };
    }
    return { text, tone: 'fail', title: text };
  }
  const errors = stats?.connectionErrors ?? f.connectionErrors;
  if (errors.last === null) return null;
  const words = connectionErrorText(errors.last.kind, errors.last.reason, placeOf(f.spec, index));
  return {
    text: `${words} (${clock(errors.last.at)})`,
    tone: 'warn',
    title: `${words}\nLast at ${new Date(errors.last.at).toLocaleString()}; ${failedConnectionsText(errors.count)} since the forward started.\nThe agent said: ${errors.last.reason}`,
  };
}
