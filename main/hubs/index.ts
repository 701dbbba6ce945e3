/**
 * State that several contract services share, one layer below them: the forwards hub (running and
 * saved port forwards across profiles), the inspector hub (which window watches which session's
 * frames), which window owns which shell session, sessions waiting for a window to come back,
 * file transfers in flight, the notices shown at start, and what an ended shell's task became. Hubs address windows through
 * ClientHandle and never import main/ipc or the composition root; the services in main/ipc wrap
 * them for the contract.
 */
export type { ClientGone, ClientHandle, SessionDataHandler } from './client-handle.js';
export { checkEndedShellTask } from './ended-shell-task.js';
export { ForwardsHub, type ForwardsEvents, type ForwardsHubOptions } from './forwards/forwards-hub.js';
export { InspectorHub } from './inspector-hub.js';
export { Notices } from './notices.js';
export { SessionOwners } from './session-owners.js';
export { TransfersHub } from './transfers/transfers-hub.js';
export { WaitingSessions } from './waiting-sessions.js';
