// The composition root: what the Electron and web hosts call.
export { startPorthole, type PortholeApp, type PortholeOptions } from './porthole.js';
export { decideSandbox, SANDBOX_ENV, type SandboxDecision } from './sandbox-mode.js';
export { INVENTORY_ROOT_ID } from '../ipc/inventory.js';
