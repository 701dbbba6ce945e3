// What the window shows when Porthole's services could not start (the data folder unwritable, a
// broken install…): the reason once, in place of a layout where every pane would repeat it and
// the empty tree would look like an account without targets. The host stays up to say this.
import { useSyncExternalStore } from 'react';
import type { PortholeClient } from '../bridge/client.js';

/** Why the services could not start, or null; re-renders when a call first says so. */
export function useStartFailure(client: PortholeClient): string | null {
  return useSyncExternalStore(
    (onChange) => client.onStartFailure(onChange),
    () => client.startFailure,
  );
}

export function StartFailed({ reason }: { reason: string }) {
  return (
    <div className="start-failed" data-testid="start-failed">
      <div className="empty-state" role="alert">
        <p className="empty-title">Porthole could not start.</p>
        <p className="start-failed-reason">{reason.replace(/^Porthole could not start: /, '')}</p>
        <p>Nothing can be opened until it starts. Fix the cause above, then quit Porthole and start it again.</p>
      </div>
    </div>
  );
}
