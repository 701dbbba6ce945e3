import { describe, expect, it } from 'vitest';
import { fuzzyMatch, highlightRuns } from './fuzzy.js';

const score = (q: string, t: string): number => fuzzyMatch(q, t)?.score ?? Number.NEGATIVE_INFINITY;

describe('fuzzyMatch', () => {
  it('needs every query character, in order, ignoring case', () => {
    expect(fuzzyMatch('rprt', 'Reporter')?.positions).toEqual([0, 2, 4, 5]);
    expect(fuzzyMatch('tpr', 'reporter')).toBeNull();
    expect(fuzzyMatch('reporters', 'reporter')).toBeNull();
    expect(fuzzyMatch('x', '')).toBeNull();
  });

  it('matches everything with an empty query', () => {
    expect(fuzzyMatch('', 'anything')).toEqual({ score: 0, positions: [] });
  });

  it('picks word starts over scattered letters for the same query', () => {
    // d…w: the w of "web" (a word start), not the w of "shadow".
    expect(fuzzyMatch('dw', 'demo-shadow-web')?.positions).toEqual([0, 12]);
    expect(score('dw', 'demo-web')).toBeGreaterThan(score('dw', 'shadow'));
  });

  it('ranks a contiguous run above the same letters spread out', () => {
    expect(score('api', 'api-server')).toBeGreaterThan(score('api', 'a-pretty-idea'));
    expect(score('web', 'demo-web')).toBeGreaterThan(score('web', 'w-e-b'));
  });

  it('ranks a prefix above the same run later in the text', () => {
    expect(score('app', 'app-server')).toBeGreaterThan(score('app', 'my-app-server'));
  });

  it('finds the best alignment, not the first one', () => {
    // A greedy left-to-right match would take the first "a" and "p"; the run "app" scores more.
    expect(fuzzyMatch('app', 'a-p-app')?.positions).toEqual([4, 5, 6]);
  });

  it('counts a camelCase hump as a word start', () => {
    expect(fuzzyMatch('ls', 'legacyServer')?.positions).toEqual([0, 6]);
  });
});

describe('highlightRuns', () => {
  it('splits a text into matched and unmatched runs', () => {
    expect(highlightRuns('reporter', [0, 2, 3])).toEqual([
      { text: 'r', hit: true },
      { text: 'e', hit: false },
      { text: 'po', hit: true },
      { text: 'rter', hit: false },
    ]);
  });
});
