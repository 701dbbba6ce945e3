// What a stale row's tooltip says: since when its status is as shown, and why the latest refresh
// failed (main's `inventory.stale`), in the person's local time.
import type { Stale } from '../../shared/contract/index.js';

/** Hours and minutes, 24-hour: at 3 a.m. the date is not in doubt, the minute is. */
const SINCE_FORMAT: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

export function staleText(stale: Stale): string {
  const since = new Date(stale.since).toLocaleTimeString([], SINCE_FORMAT);
  return `Not refreshed since ${since} — ${stale.error.message}`;
}
