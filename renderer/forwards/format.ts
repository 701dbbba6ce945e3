// Numbers in the forwards panel, short and readable: 1.2 MB, 340 kB/s.

export { formatBytes, formatRate } from '../../shared/format/bytes.js';

/** HTTP is the likely protocol for these ports: "open in browser" is offered for them. */
const HTTP_PORTS: ReadonlySet<number> = new Set([80, 443, 3000, 4200, 5000, 5173, 8000, 8008, 8080, 8081, 8443, 8888, 9090]);

export function looksLikeHttp(remotePort: number): boolean {
  return HTTP_PORTS.has(remotePort);
}
