/** What an Inventory (inventory.ts) tells the windows, and how it is set up. */
import type { InventoryNode, LoadProblem, Stale } from '../../../shared/contract/inventory.js';
import type { PlainError } from '../../../shared/contract/common.js';
import type { BackgroundPolicy } from '../discovery/bounded.js';
import type { HelperWaiters } from '../helper-waiters.js';
import type { LiveTreeOptions } from './live-tree.js';

export interface InventoryEvents {
  progress?(e: { nodeId: string | null; message: string; done: boolean; retries?: number }): void;
  error?(e: { nodeId: string | null; error: PlainError }): void;
  changed?(e: { parentId: string; nodes: InventoryNode[]; problems?: LoadProblem[] }): void;
  /** A loaded branch's latest background refresh failed (its stale mark), or one answered again (null). */
  stale?(e: { parentId: string; stale: Stale | null }): void;
}

export interface InventoryOptions {
  readonly events?: InventoryEvents;
  /** List recently stopped tasks too (default true: a task that died is what users come to diagnose). */
  readonly includeStopped?: boolean;
  /**
   * Prefetch every listed region's clusters in the background (prefetch.ts), behind what the user
   * asks for. The app turns it on; off by default so a test counts only the calls it makes.
   */
  readonly prefetch?: boolean;
  /** How background calls are held back (default PREFETCH's slots and pace). */
  readonly prefetchPace?: BackgroundPolicy;
  /** Regions shown under a profile besides its configured one. */
  readonly extraRegions?: Readonly<Record<string, readonly string[]>>;
  /**
   * The regions to show under a profile, given its configured region (null when it has none);
   * without it, the configured region and the extra ones. Asked at each load of the profile's children.
   */
  readonly regionsFor?: (profile: string, configured: string | null) => Promise<readonly string[]>;
  /** The background poll of open nodes (live-tree.ts): its interval and clock. */
  readonly live?: LiveTreeOptions;
  /**
   * Told when a profile's credential_process runs (AwsService's): a load someone waits on says so on
   * its node, also when it starts while the helper already runs. Without it, loads show no such words.
   */
  readonly helperWaiters?: HelperWaiters;
}
