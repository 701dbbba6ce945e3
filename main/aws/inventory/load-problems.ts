/**
 * What could not be listed under each loaded branch at its latest load or poll (a region whose
 * clusters were refused, a cluster whose tasks were). Kept only while the branch is loaded: a
 * branch that leaves the tree, is dropped by a refresh or reloads with nothing missing takes its
 * entry with it, so the record holds at most one entry per loaded branch.
 */
import type { LoadProblem } from '../../../shared/contract/inventory.js';

export class LoadProblems {
  private readonly byParent = new Map<string, LoadProblem[]>();

  /** The branch's problems ([] when everything was listed, or it is not loaded). */
  of(parentId: string): LoadProblem[] {
    return this.byParent.get(parentId) ?? [];
  }

  /** The branch's latest listing: its problems replace the earlier ones ([] forgets them). */
  set(parentId: string, problems: LoadProblem[]): void {
    if (problems.length > 0) this.byParent.set(parentId, problems);
    else this.byParent.delete(parentId);
  }

  /** The branch is no longer loaded (gone from the tree, or dropped for a reload). */
  forget(parentId: string): void {
    this.byParent.delete(parentId);
  }
}
