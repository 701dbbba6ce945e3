/**
 * When each loaded branch was last listed, and which are stale: their latest background refresh
 * (the live tree's poll) failed, so what the windows show is as of that listing. A window is told
 * when a branch turns stale, and when a listing that succeeds makes it fresh again; a branch never
 * listed (its first load failed) shows its error instead and is never stale.
 */
import type { PlainError, Stale } from '../../../shared/contract/index.js';

export class Freshness {
  private readonly listedAt = new Map<string, number>();
  private readonly stale = new Map<string, Stale>();

  constructor(
    /** Epoch milliseconds now (the live tree's clock). */
    private readonly now: () => number,
    private readonly tell: (parentId: string, stale: Stale | null) => void,
  ) {}

  /** A branch's children were listed from AWS (a load, a refresh or a poll that answered). */
  listed(parentId: string): void {
    this.listedAt.set(parentId, this.now());
    if (this.stale.delete(parentId)) this.tell(parentId, null);
  }

  /** A background refresh of the branch failed; told once per distinct error. */
  failed(parentId: string, error: PlainError): void {
    const since = this.listedAt.get(parentId);
    if (since === undefined) return;
    const before = this.stale.get(parentId);
    if (before !== undefined && before.error.message === error.message) return;
    const mark = { since, error };
    this.stale.set(parentId, mark);
    this.tell(parentId, mark);
  }

  /** The branch's stale mark, if it has one. */
  of(parentId: string): Stale | undefined {
    return this.stale.get(parentId);
  }

  /**
   * The branch is no longer loaded (dropped on refresh, or gone from the tree with a poll's
   * change): its listing is forgotten, and a window that shows it stale is told it no longer is
   * (the reload after a refresh then shows it as fresh as it is; a gone branch shows nothing).
   */
  forget(parentId: string): void {
    this.listedAt.delete(parentId);
    if (this.stale.delete(parentId)) this.tell(parentId, null);
  }
}
