/**
 * Local port forwards (issue 4): listeners on 127.0.0.1 (another address only when asked),
 * Session Manager port sessions behind them, restart with backoff. Saved forwards are the app's
 * (main/hubs/forwards/forward-store.ts); the manager holds only live ones.
 *
 *   const manager = new ForwardManager({ startSession });   // startSession injected
 *   const f = await manager.create({ target: { kind: 'ecs', cluster, taskId, runtimeId },
 *                                    remotePort: 5432, remoteHost: 'db.internal', localPort: 0 },
 *                                  { id });     // id optional; ForwardError 'port-in-use' when taken
 *   manager.list()   // ForwardStatus[]: state, localAddress/localPort, target, remote host/port,
 *                    // connections, bytes and bytes/s each way, restarts, lastError
 *   manager.on('changed', (id) => …)
 *   await manager.start(id); await manager.stop(id); await manager.restart(id);
 *   await manager.remove(id); await manager.setAutoRestart(id, false);
 *   await manager.edit(id, spec);   // new settings, same id; a running one restarts on them,
 *                                   // a taken local port refused first (the old one keeps running)
 *   await manager.close();          // at quit
 */
export { FORWARDS } from './constants.js';
export { ForwardError, type ForwardErrorCode } from './errors.js';
export { ForwardManager, type ForwardManagerEvents, type ForwardManagerOptions } from './manager.js';
export { DEFAULT_RESTART_SCHEDULE, type RestartSchedule } from './backoff.js';
export type { ConnectionError, ForwardSpec, ForwardState, ForwardStatus, GaveUp, RestartPolicy, RestartVerdict, Retarget, StartPortSession, StartedSession, TargetGone } from './types.js';
