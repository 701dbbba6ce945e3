/** Test helper: a sandbox plus a workspace and inventory pointed at its written AWS files. */
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../main/sandbox/index.js';
import { AwsWorkspace, type WorkspaceOptions } from '../../../main/aws/workspace.js';
import type { Stale } from '../../../shared/contract/inventory.js';
import { Inventory, type InventoryEvents, type InventoryOptions } from '../../../main/aws/inventory/inventory.js';

export interface SandboxInventory {
  readonly sandbox: Sandbox;
  readonly workspace: AwsWorkspace;
  readonly inventory: Inventory;
  readonly events: { progress: string[]; errors: Array<{ nodeId: string | null; message: string; nextStep?: string }>; changed: string[]; stale: Array<{ parentId: string; stale: Stale | null }> };
  close(): Promise<void>;
}

export async function sandboxInventory(opts: { sandbox?: SandboxOptions; workspace?: WorkspaceOptions; inventory?: InventoryOptions } = {}): Promise<SandboxInventory> {
  // API only: discovery never opens data channels.
  const sandbox = await startSandbox({ gateway: null, ...opts.sandbox });
  const workspace = new AwsWorkspace({ env: sandbox.awsEnv, ...opts.workspace });
  const events: SandboxInventory['events'] = { progress: [], errors: [], changed: [], stale: [] };
  const sink: InventoryEvents = {
    progress: (e) => events.progress.push(e.message),
    error: (e) => events.errors.push({ nodeId: e.nodeId, message: e.error.message, nextStep: e.error.nextStep }),
    changed: (e) => events.changed.push(e.parentId),
    stale: (e) => events.stale.push(e),
  };
  const inventory = new Inventory(workspace, { events: sink, ...opts.inventory });
  return {
    sandbox,
    workspace,
    inventory,
    events,
    async close() {
      workspace.closeAll();
      await sandbox.stop();
    },
  };
}

/** Stops the inventory's live tree, then closes `t`: for a test whose live tree ran. */
export async function stopAndClose(t: SandboxInventory): Promise<void> {
  t.inventory.live.stop();
  await t.close();
}
