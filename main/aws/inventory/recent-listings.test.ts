// RecentListings on a hand-driven clock: who joins a listing in flight, who is handed the last one,
// and that finished listings do not outlive the freshness window or a refresh of their branch.
import { describe, expect, it } from 'vitest';
import type { TaskInfo } from '../discovery/types.js';
import { RecentListings } from './recent-listings.js';

const WINDOW = 5_000;

/** Listings that finish when the test says, each answering its own task list. */
function pendingLists() {
  const started: { resolve: (tasks: readonly TaskInfo[]) => void }[] = [];
  const list = (): Promise<readonly TaskInfo[]> => new Promise((resolve) => started.push({ resolve }));
  return { started, list };
}

const tasks = (n: number): readonly TaskInfo[] => [{ arn: `task-${n}` } as unknown as TaskInfo];

describe('cluster listings shared by following forwards', () => {
  it('a caller needing news does not join a listing that began before it asked, and later callers join its listing', async () => {
    let now = 0;
    const recent = new RecentListings(() => now, WINDOW);
    const { started, list } = pendingLists();
    const early = recent.get('k', true, list);
    now = 10; // a session ends after that listing began: what it says may predate the end
    const needsNews = recent.get('k', true, list);
    expect(started.length).toBe(2);
    const retry = recent.get('k', false, list);
    expect(started.length).toBe(2);
    started[1]!.resolve(tasks(2));
    started[0]!.resolve(tasks(1));
    expect(await early).toEqual(tasks(1));
    expect(await needsNews).toEqual(tasks(2));
    expect(await retry).toEqual(tasks(2));
    // The earlier listing finished last but is not the one kept.
    expect(await recent.get('k', false, list)).toEqual(tasks(2));
    expect(started.length).toBe(2);
  });

  it('callers needing news at the same moment share one listing', async () => {
    const recent = new RecentListings(() => 0, WINDOW);
    const { started, list } = pendingLists();
    const a = recent.get('k', true, list);
    const b = recent.get('k', true, list);
    expect(started.length).toBe(1);
    started[0]!.resolve(tasks(1));
    expect(await a).toBe(await b);
  });

  it('drops a finished listing once past the window, whichever cluster is asked next', async () => {
    let now = 0;
    const recent = new RecentListings(() => now, WINDOW);
    await recent.get('a', false, () => Promise.resolve(tasks(1)));
    expect(recent.kept).toBe(1);
    now = WINDOW;
    await recent.get('b', false, () => Promise.resolve(tasks(2)));
    expect(recent.kept).toBe(1);
  });

  it('forgets the listings a refresh names', async () => {
    const recent = new RecentListings(() => 0, WINDOW);
    await recent.get('a', false, () => Promise.resolve(tasks(1)));
    await recent.get('b', false, () => Promise.resolve(tasks(2)));
    recent.forgetWhere((key) => key === 'a');
    let listed = 0;
    expect(await recent.get('a', false, () => (listed++, Promise.resolve(tasks(3))))).toEqual(tasks(3));
    expect(await recent.get('b', false, () => (listed++, Promise.resolve(tasks(4))))).toEqual(tasks(2));
    expect(listed).toBe(1);
  });
});
