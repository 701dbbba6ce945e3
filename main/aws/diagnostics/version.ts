/** Dotted version comparison for platform and agent versions ("1.4.0", "3.0.161.0", "LATEST"). */

/** Numeric components of a version, or null when it is not a dotted number (e.g. `LATEST`). */
export function versionParts(v: string): number[] | null {
  if (!/^\d+(\.\d+)*$/.test(v.trim())) return null;
  return v.trim().split('.').map(Number);
}

/** -1, 0 or 1; missing components count as 0 (1.4 == 1.4.0). Null when either is not numeric. */
export function compareVersions(a: string, b: string): -1 | 0 | 1 | null {
  const pa = versionParts(a);
  const pb = versionParts(b);
  if (!pa || !pb) return null;
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** True when `v` ≥ `min`; `LATEST` (Fargate's alias for the newest) counts as new enough. */
export function atLeast(v: string, min: string): boolean {
  if (v.trim().toUpperCase() === 'LATEST') return true;
  const c = compareVersions(v, min);
  return c !== null && c >= 0;
}
