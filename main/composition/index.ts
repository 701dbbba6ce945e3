/**
 * The composition root: builds one running Porthole for a host — decides sandbox or real AWS,
 * creates the AWS workspace, the shell and forward managers and the hubs, and registers every
 * contract service on one Router. The Electron and web hosts call it; nothing in main/ imports it.
 *
 *   const app = await startPorthole({ host: 'web', version, dataDir });   // env: process.env
 *   serve(app.router);   // each window: router.connect(transport) … connection.close()
 *   await app.close();   // sessions terminated, forwards stopped, sandbox stopped
 *
 * Sandbox or real AWS: PORTHOLE_SANDBOX=1 forces the local sandbox, =0 forbids it, otherwise it
 * starts when no AWS profile or credentials exist; app.info reports it. PORTHOLE_RECORD_DIR
 * records every shell tab as asciicast. The inventory tree's roots are children of
 * INVENTORY_ROOT_ID ('root').
 */
export { startPorthole, type PortholeApp, type PortholeOptions } from './porthole.js';
export { decideSandbox, SANDBOX_ENV, type SandboxDecision } from './sandbox-mode.js';
export { INVENTORY_ROOT_ID } from '../ipc/inventory.js';
