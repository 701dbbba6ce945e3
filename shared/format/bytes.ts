// Byte counts, rates and durations as people read them (1.2 MB, 340 kB/s, 9 s): the forwards
// panel, the transfers panel and the CLI's progress line all say them the same way.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;
/** Decimal units, like network tools and browsers' download bars. */
const STEP = 1000;

export function formatBytes(n: number): string {
  let value = n;
  let unit = 0;
  while (value >= STEP && unit < UNITS.length - 1) {
    value /= STEP;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(Math.round(bytesPerSecond))}/s`;
}

/** 9 → "9 s", 75 → "1 min 15 s", 3725 → "1 h 2 min". */
export function formatDuration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
