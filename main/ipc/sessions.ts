// The `sessions` service: shells owned by the window that opened them. Each session's bytes and
// status go to its owner alone (data plane), status also as a `sessions.status` event; when the
// window goes away its sessions are closed (and terminated in AWS).
import type { SessionStatus } from '../../shared/contract/index.js';
import { plainly } from './plain-error.js';
import type { SessionOwners } from '../hubs/session-owners.js';
import { ShellNotFoundError, type ShellManager, type ShellSink } from '../sessions/shells/index.js';
import type { ClientHandle, ServiceImpl } from './service.js';

export interface SessionsServiceDeps {
  readonly shells: ShellManager;
  readonly owners: SessionOwners;
}

/** Sends to a window that may have closed or detached meanwhile; a lost message is not an error then. */
function deliver(client: ClientHandle, send: () => void, what: string): void {
  if (client.closed) return;
  try {
    send();
  } catch (err) {
    console.warn(`porthole: could not send ${what} to window ${client.id}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function sinkFor(client: ClientHandle, sessionId: string): ShellSink {
  return {
    output: (bytes) => deliver(client, () => client.sendData({ type: 'output_stream_data', sessionId, bytes }), 'output'),
    status: (status: SessionStatus) => {
      // Data plane first: ordered after the session's last bytes. The event is for lists and badges.
      deliver(client, () => client.sendData({ type: 'status', sessionId, status }), 'status');
      deliver(client, () => client.emit('sessions', 'status', { id: sessionId, status }), 'status event');
    },
    info: (session) => deliver(client, () => client.emit('sessions', 'info', { session }), 'info event'),
  };
}

export function createSessionsService({ shells, owners }: SessionsServiceDeps): ServiceImpl<'sessions'> {
  const detachers = new Map<string, () => void>();

  /** Closes first (the owner still gets the final status), then stops routing its data. */
  const closeSession = async (id: string): Promise<void> => {
    try {
      if (shells.has(id)) await shells.close(id);
    } finally {
      detachers.get(id)?.();
      detachers.delete(id);
    }
  };

  const adopt = (client: ClientHandle): void => {
    if (owners.knows(client.id)) return;
    client.onClose(() => {
      for (const id of owners.release(client.id)) void closeSession(id).catch(() => undefined);
    });
  };

  /** The id, if the calling window owns it; other windows' sessions do not exist for it. */
  const mine = (client: ClientHandle, id: string): string => {
    if (!owners.owns(client.id, id)) throw new ShellNotFoundError(id);
    return id;
  };

  const bind = (client: ClientHandle, id: string): ShellSink => {
    adopt(client);
    owners.add(client.id, id);
    const shell = () => shells.get(id);
    detachers.set(id, client.attachSession(id, { input: (b) => shell().input(b), ack: (n) => shell().ack(n), resize: (c, r) => shell().resize(c, r) }));
    return sinkFor(client, id);
  };

  const unbind = (client: ClientHandle, id: string): void => {
    owners.remove(client.id, id);
    detachers.get(id)?.();
    detachers.delete(id);
  };

  return {
    open: ({ target, cols, rows, title }, { client }) =>
      plainly(async () => {
        const request = { target, cols, rows, ...(title === undefined ? {} : { title }) };
        const shell = await shells.open(request, (id) => bind(client, id), (id) => unbind(client, id));
        return { session: shell.info() };
      }),
    list: (_params, { client }) => ({ sessions: shells.list(owners.ids(client.id)) }),
    close: ({ id }, { client }) =>
      plainly(async () => {
        owners.remove(client.id, mine(client, id));
        await closeSession(id);
        return {};
      }),
    rename: ({ id, title }, { client }) => plainly(() => ({ session: shells.rename(mine(client, id), title) })),
    restart: ({ id }, { client }) => plainly(async () => ({ session: await shells.restart(mine(client, id)) })),
    setRecording: ({ id, enabled }, { client }) => plainly(async () => ({ session: await shells.setRecording(mine(client, id), enabled) })),
  };
}
