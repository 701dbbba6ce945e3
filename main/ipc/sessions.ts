// The `sessions` service: shells live in main and are shown by one window at a time. Each
// session's bytes and status go to its owner alone (data plane), status also as a
// `sessions.status` event. When the owner goes away for good (an Electron window closed) its
// sessions end; when it may come back (a reload, a dropped web host socket) they wait
// SESSION_HANDOVER.GRACE_MS (shared/contract) for a window to adopt them, and are terminated (TerminateSession) after.
// A window that adopts a session shown elsewhere takes it; the other window gets `moved`.
import type { AdoptableSession, SessionInfo, SessionStatus } from '../../shared/contract/index.js';
import { plainly } from './plain-error.js';
import type { SessionOwners } from '../hubs/session-owners.js';
import { WaitingSessions } from '../hubs/waiting-sessions.js';
import { ShellNotFoundError, type ShellManager, type ShellSink } from '../sessions/shells/index.js';
import type { ClientGone, ClientHandle, ServiceImpl } from './service.js';

export interface SessionsServiceDeps {
  readonly shells: ShellManager;
  readonly owners: SessionOwners;
  /** Deadlines of sessions whose window went away (tests inject a short grace period). */
  readonly waiting?: WaitingSessions;
  /** A window lost a session to another window (e.g. to end its inspector subscription). */
  readonly lost?: (client: ClientHandle, sessionId: string) => void;
}

/** What the window that had a session is told when another window takes it. */
export const MOVED_REASON = 'A newer Porthole window or browser tab has this session now. Take it back here, or reload this page to take them all.';

/** Sends to a window that may have closed or detached meanwhile; a lost message is not an error then. */
function deliver(client: ClientHandle, send: () => void, what: string): void {
  if (client.closed) return;
  try {
    send();
  } catch (err) {
    console.warn(`porthole: could not send ${what} to window ${client.id}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function sinkFor(client: ClientHandle, sessionId: string, openKey?: string): ShellSink {
  return {
    // The first launch's progress: the opening window knows the tab by its openKey only (no data plane yet).
    ...(openKey === undefined ? {} : { opening: (status: SessionStatus) => deliver(client, () => client.emit('sessions', 'status', { id: sessionId, status, openKey }), 'opening status event') }),
    output: (bytes) => deliver(client, () => client.sendData({ type: 'output_stream_data', sessionId, bytes }), 'output'),
    status: (status: SessionStatus) => {
      // Data plane first: ordered after the session's last bytes. The event is for lists and badges.
      deliver(client, () => client.sendData({ type: 'status', sessionId, status }), 'status');
      deliver(client, () => client.emit('sessions', 'status', { id: sessionId, status }), 'status event');
    },
    info: (session) => deliver(client, () => client.emit('sessions', 'info', { session }), 'info event'),
    inputWait: (waitingMs) => deliver(client, () => client.emit('sessions', 'inputWait', { id: sessionId, waitingMs }), 'input wait event'),
  };
}

interface Route {
  readonly client: ClientHandle;
  readonly detach: () => void;
}

export function createSessionsService({ shells, owners, waiting = new WaitingSessions(), lost }: SessionsServiceDeps): ServiceImpl<'sessions'> {
  /** Which window has each session now, and how to stop routing its data there. */
  const routes = new Map<string, Route>();
  const watched = new Set<string>();

  const unroute = (id: string): void => {
    const route = routes.get(id);
    if (route === undefined) return;
    routes.delete(id);
    owners.remove(route.client.id, id);
    route.detach();
  };

  /** Closes first (the owner still gets the final status), then stops routing its data. */
  const closeSession = async (id: string): Promise<void> => {
    waiting.take(id);
    try {
      if (shells.has(id)) await shells.close(id);
    } finally {
      unroute(id);
    }
  };

  /** The window went away: its sessions end at once ('ended') or wait for a window to adopt them. */
  const windowGone = (client: ClientHandle, how: ClientGone): void => {
    watched.delete(client.id);
    for (const id of owners.release(client.id)) {
      routes.delete(id);
      if (how === 'ended' || !shells.has(id)) {
        void closeSession(id).catch(() => undefined);
        continue;
      }
      shells.detach(id);
      waiting.hold(id, (expired) => void closeSession(expired).catch(() => undefined));
    }
  };

  const watch = (client: ClientHandle): void => {
    if (watched.has(client.id)) return;
    watched.add(client.id);
    client.onClose((how) => windowGone(client, how));
  };

  /** Starts routing the window's data messages for the session to it; returns the detach function. */
  const attachData = (client: ClientHandle, id: string): (() => void) => {
    const shell = () => shells.get(id);
    return client.attachSession(id, { input: (b) => shell().input(b), ack: (n) => shell().ack(n), resize: (c, r) => shell().resize(c, r) });
  };

  const own = (client: ClientHandle, id: string, detach: () => void): void => {
    watch(client);
    owners.add(client.id, id);
    routes.set(id, { client, detach });
  };

  /** The id, if the calling window owns it; other windows' sessions do not exist for it. */
  const mine = (client: ClientHandle, id: string): string => {
    if (!owners.owns(client.id, id)) throw new ShellNotFoundError(id);
    return id;
  };

  const adoptable = (client: ClientHandle): AdoptableSession[] =>
    shells
      .all()
      .filter((s) => s.launched && !owners.owns(client.id, s.id))
      .map((s) => {
        const expiresAt = waiting.expiresAt(s.id);
        return { session: s.info(), ...s.size, owner: expiresAt === undefined ? 'elsewhere' : 'waiting', ...(expiresAt === undefined ? {} : { expiresAt }) };
      });

  /** Makes `client` the session's owner; returns the window that had it, if another live one did. */
  const take = (client: ClientHandle, id: string): ClientHandle | null => {
    const previous = routes.get(id)?.client ?? null;
    waiting.take(id);
    // The new route first (replayed bytes are checked against it), then the shell switches sinks
    // (flushing what waits to the previous window), then the previous route goes.
    const detach = attachData(client, id);
    shells.attach(id, sinkFor(client, id));
    unroute(id);
    own(client, id, detach);
    if (previous === null || previous === client || previous.closed) return null;
    lost?.(previous, id);
    return previous;
  };

  return {
    open: ({ target, cols, rows, title, openKey }, { client }) =>
      plainly(async () => {
        const request = { target, cols, rows, ...(title === undefined ? {} : { title }) };
        const shell = await shells.open(
          request,
          (id) => {
            own(client, id, attachData(client, id));
            return sinkFor(client, id, openKey);
          },
          (id) => unroute(id),
        );
        return { session: shell.info() };
      }),
    list: (_params, { client }) => ({ sessions: shells.list(owners.ids(client.id)) }),
    close: ({ id }, { client }) =>
      plainly(async () => {
        await closeSession(mine(client, id));
        return {};
      }),
    rename: ({ id, title }, { client }) => plainly(() => ({ session: shells.rename(mine(client, id), title) })),
    restart: ({ id }, { client }) => plainly(async () => ({ session: await shells.restart(mine(client, id)) })),
    setRecording: ({ id, enabled }, { client }) => plainly(async () => ({ session: await shells.setRecording(mine(client, id), enabled) })),
    adoptable: (_params, { client }) => ({ sessions: adoptable(client) }),
    adopt: ({ ids }, { client }) =>
      plainly(() => {
        const sessions: SessionInfo[] = [];
        const movedFrom = new Map<ClientHandle, string[]>();
        for (const id of new Set(ids)) {
          if (!shells.has(id) || !shells.get(id).launched) continue;
          if (!owners.owns(client.id, id)) {
            const previous = take(client, id);
            if (previous !== null) movedFrom.set(previous, [...(movedFrom.get(previous) ?? []), id]);
          }
          sessions.push(shells.get(id).info());
        }
        for (const [previous, moved] of movedFrom) deliver(previous, () => previous.emit('sessions', 'moved', { ids: moved, reason: MOVED_REASON }), 'moved event');
        return { sessions };
      }),
  };
}
