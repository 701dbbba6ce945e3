// Fuzzy matching for the palette and quick open: the query's characters must appear in order
// (case-insensitive); among the ways they can, the best-scoring one wins, and its positions are
// what the row highlights. Runs of adjacent characters and starts of words score most, so "dw"
// finds "demo-web" before "shadow". Small on purpose: names are short and the lists are thousands.

export const FUZZY = {
  /** Every matched character. */
  MATCH: 1,
  /** A character right after the previous match: typing a run of a name should win. */
  CONSECUTIVE: 5,
  /** A character that starts a word (after - _ . / : space, or a lower→upper case change). */
  WORD_START: 4,
  /** The very first character of the text: prefixes are what people type most. */
  TEXT_START: 6,
  /** Per character skipped between two matches: scattered matches rank below tight ones. */
  GAP: 0.5,
  /** Per character before the first match (capped): earlier is better, but only a little. */
  LEADING: 0.1,
  LEADING_MAX: 2,
} as const;

export interface FuzzyMatch {
  readonly score: number;
  /** Indexes into the text of the matched characters, ascending. */
  readonly positions: readonly number[];
}

const SEPARATORS = new Set(['-', '_', '.', '/', ':', ' ', '·', '@']);

function startsWord(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text[i - 1] ?? '';
  const here = text[i] ?? '';
  if (SEPARATORS.has(prev)) return true;
  return prev === prev.toLowerCase() && here !== here.toLowerCase() && here === here.toUpperCase();
}

/** The best match of `query` in `text`, or null when its characters do not all appear in order. */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  const m = q.length;
  const n = t.length;
  if (m === 0) return { score: 0, positions: [] };
  if (m > n) return null;
  const NONE = -Infinity;
  // best[i][j]: the best score with query[i] matched at text[j]; from[i][j]: where query[i-1] was.
  const best: Float64Array[] = [];
  const from: Int32Array[] = [];
  for (let i = 0; i < m; i++) {
    const row = new Float64Array(n).fill(NONE);
    const back = new Int32Array(n).fill(-1);
    const prev = best[i - 1];
    let gapBest = NONE; // best over k ≤ j-2 of prev[k] − GAP·(j−1−k)
    let gapFrom = -1;
    for (let j = i; j < n; j++) {
      if (prev !== undefined && j >= 2) {
        const cand = (prev[j - 2] ?? NONE) - FUZZY.GAP;
        gapBest -= FUZZY.GAP;
        if (cand > gapBest) {
          gapBest = cand;
          gapFrom = j - 2;
        }
      }
      if (t[j] !== q[i]) continue;
      const own = FUZZY.MATCH + (j === 0 ? FUZZY.TEXT_START : startsWord(text, j) ? FUZZY.WORD_START : 0);
      if (prev === undefined) {
        row[j] = own - Math.min(j * FUZZY.LEADING, FUZZY.LEADING_MAX);
        continue;
      }
      const adjacent = j >= 1 ? (prev[j - 1] ?? NONE) + FUZZY.CONSECUTIVE : NONE;
      if (adjacent === NONE && gapBest === NONE) continue;
      if (adjacent >= gapBest) {
        row[j] = own + adjacent;
        back[j] = j - 1;
      } else {
        row[j] = own + gapBest;
        back[j] = gapFrom;
      }
    }
    best.push(row);
    from.push(back);
  }
  const last = best[m - 1];
  if (last === undefined) return null;
  let end = -1;
  for (let j = 0; j < n; j++) if ((last[j] ?? NONE) > (end < 0 ? NONE : (last[end] ?? NONE))) end = j;
  if (end < 0 || last[end] === NONE) return null;
  const positions: number[] = new Array<number>(m);
  for (let i = m - 1, j = end; i >= 0; i--) {
    positions[i] = j;
    j = from[i]?.[j] ?? -1;
  }
  return { score: last[end] ?? 0, positions };
}

/** Splits a text into runs for rendering, marking the matched characters. */
export function highlightRuns(text: string, positions: readonly number[]): Array<{ readonly text: string; readonly hit: boolean }> {
  const hits = new Set(positions);
  const runs: Array<{ text: string; hit: boolean }> = [];
  for (let i = 0; i < text.length; i++) {
    const hit = hits.has(i);
    const last = runs[runs.length - 1];
    if (last !== undefined && last.hit === hit) last.text += text[i];
    else runs.push({ text: text[i] ?? '', hit });
  }
  return runs;
}
