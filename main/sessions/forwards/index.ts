/**
 * Local port forwards (issue 4): listeners on 127.0.0.1 (another address only when asked),
 * Session Manager port sessions behind them, restart with backoff, saved forwards.
 *
 *   const manager = new ForwardManager({ dataDir, startSession });   // startSession injected
 *   const f = await manager.create({ target: { kind: 'ecs', cluster, taskId, runtimeId },
 *                                    remotePort: 5432, remoteHost: 'db.internal', localPort: 0 },
 *                                  { save: true });     // ForwardError 'port-in-use' when taken
 *   manager.list()   // ForwardStatus[]: state, localAddress/localPort, target, remote host/port,
 *                    // connections, bytes and bytes/s each way, restarts, lastError, saved
 *   manager.on('changed', (id) => …)
 *   await manager.stop(id); await manager.restart(id); await manager.remove(id);
 *   await manager.setSaved(id, true); await manager.setAutoRestart(id, false);
 *   await manager.restoreSaved();   // at start-up (or manager.restore(id) for one)
 *   await manager.close();          // at quit
 */
export { FORWARDS } from './constants.js';
export { ForwardError, type ForwardErrorCode } from './errors.js';
export { ForwardManager, type ForwardManagerEvents, type ForwardManagerOptions } from './manager.js';
export { DEFAULT_RESTART_SCHEDULE, type RestartSchedule } from './backoff.js';
export type { ForwardSpec, ForwardState, ForwardStatus, StartPortSession, StartedSession } from './types.js';
