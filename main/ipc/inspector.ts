// The `inspector` service: subscribe a window to the live frames of one of its own sessions.
import type { InspectorHub } from '../hubs/inspector-hub.js';
import type { SessionOwners } from '../hubs/session-owners.js';
import { ShellNotFoundError } from '../sessions/shells/index.js';
import { plainly } from './plain-error.js';
import type { ClientHandle, ServiceImpl } from './service.js';

export interface InspectorServiceDeps {
  readonly hub: InspectorHub;
  readonly owners: SessionOwners;
}

export function createInspectorService({ hub, owners }: InspectorServiceDeps): ServiceImpl<'inspector'> {
  const hooked = new Set<string>();
  const hook = (client: ClientHandle): void => {
    if (hooked.has(client.id)) return;
    hooked.add(client.id);
    client.onClose(() => {
      hooked.delete(client.id);
      hub.dropClient(client);
    });
  };
  return {
    subscribe: ({ sessionId }, { client }) =>
      plainly(() => {
        if (!owners.owns(client.id, sessionId)) throw new ShellNotFoundError(sessionId);
        hook(client);
        hub.subscribe(client, sessionId);
        return {};
      }),
    unsubscribe: ({ sessionId }, { client }) => {
      hub.unsubscribe(client, sessionId);
      return {};
    },
  };
}
