/**
 * Version comparison as the agent does it (§8.1, AGENT `versionutil.Compare`): numeric,
 * component by component; a missing component counts as lower than any present one.
 * Non-numeric components compare as -1 so a garbled version never unlocks a feature.
 */
export function compareAgentStyle(a: string, b: string): number {
  const pa = a.trim().split('.').map(toNumber);
  const pb = b.trim().split('.').map(toNumber);
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function toNumber(part: string): number {
  return /^\d+$/.test(part) ? Number(part) : -1;
}
