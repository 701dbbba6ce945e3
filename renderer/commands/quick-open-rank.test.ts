import { describe, expect, it } from 'vitest';
import type { InventoryNode } from '../../shared/contract/index.js';
import { rankCandidates, type Candidate } from './quick-open-rank.js';

const kinds: Record<string, InventoryNode['kind']> = { t: 'task', a: 'container', b: 'container', s: 'service', i: 'instance' };
const nodes = new Map(Object.entries(kinds).map(([id, kind]) => [id, { kind, id } as unknown as InventoryNode]));
const parent = new Map([['t', 's'], ['a', 't'], ['b', 't']]);
const only = new Map([['t', 's'], ['a', 't']]);

const cand = (id: string, score: number, nameHit: boolean, rank = 0): Candidate => {
  const kind = kinds[id] ?? 'task';
  return { id, kind, label: id, score, rank, use: kind === 'container' || kind === 'instance' ? 2 : 0, nameHit };
};
const order = (cs: Candidate[], p: ReadonlyMap<string, string> = parent) => rankCandidates(cs, nodes, p, true).map((c) => `${c.id}:${c.score}`);

describe('quick open ranking', () => {
  it('lifts a container whose own name matched to its task’s score, above the task', () => {
    expect(order([cand('t', 20, true), cand('a', 12, true, 1), cand('b', 6, false, 2)])).toEqual(['a:20', 't:20', 'b:6']);
  });

  it('lifts the only container of a task even when only where it is matched', () => {
    expect(order([cand('t', 20, true), cand('a', 10, false, 1)], only)).toEqual(['a:20', 't:20']);
    // One of two containers, matched only by where: the task stays first.
    expect(order([cand('t', 20, true), cand('a', 10, false, 1), cand('b', 10, false, 2)])).toEqual(['t:20', 'a:10', 'b:10']);
  });

  it('never lowers a container, nor lifts one whose task did not match, nor another kind', () => {
    expect(order([cand('t', 5, true), cand('a', 12, true, 1)])).toEqual(['a:12', 't:5']);
    expect(order([cand('a', 12, true, 1)])).toEqual(['a:12']);
    expect(order([cand('s', 30, true), cand('t', 10, true, 1)])).toEqual(['s:30', 't:10']);
  });

  it('puts targets before other kinds at equal score, then shorter names, then tree order', () => {
    expect(order([cand('s', 8, true, 0), cand('i', 8, true, 1)])).toEqual(['i:8', 's:8']);
  });
});
