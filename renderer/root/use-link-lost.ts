// Why the link to the host is lost, kept current, for any part that says so (the status bar's
// notice, a lazy part that can no longer load). It starts from the client's current state, not
// null: the first render waits for the bridge's `linked`, which also settles when the socket
// closes, so a link lost before a part subscribes must still show.
import { useEffect, useState } from 'react';
import { useClient } from './client-context.js';

/** The link's lost reason (null while it holds), current from the first render on. */
export function useLinkLost(): string | null {
  const client = useClient();
  const [lost, setLost] = useState(client.linkLost);
  useEffect(() => client.onDisconnect(setLost), [client]);
  return lost;
}
