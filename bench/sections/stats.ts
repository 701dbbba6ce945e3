// Small statistics helpers shared by the bench sections.

/** p-th percentile (0–100) of an ascending array; 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Median of a few repeated runs: one slow run on a loaded machine should not set the figure. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.floor(s.length / 2)] ?? 0);
}

export const MB = 1024 * 1024;
/** One KiB, for figures in KB. */
export const KB = 1024;
