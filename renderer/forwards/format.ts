// Numbers in the forwards panel, short and readable: 1.2 MB, 340 kB/s.

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

/** HTTP is the likely protocol for these ports: "open in browser" is offered for them. */
const HTTP_PORTS: ReadonlySet<number> = new Set([80, 443, 3000, 4200, 5000, 5173, 8000, 8008, 8080, 8081, 8443, 8888, 9090]);

export function looksLikeHttp(remotePort: number): boolean {
  return HTTP_PORTS.has(remotePort);
}
