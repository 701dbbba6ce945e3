import { isIPv4, isIPv6 } from 'node:net';

/** The address meaning "every IPv4 address of this computer". */
const IPV4_ANY = '0.0.0.0';
/** The address meaning "every address": with dual-stack sockets (Node's default) it takes IPv4 too. */
const IPV6_ANY = '::';
/** How an IPv4 address is written as IPv6 (RFC 4291 §2.5.5.2); the system treats it as that IPv4 address. */
const IPV4_MAPPED_PREFIX = '::ffff:';

/**
 * One spelling per address: IPv6 as the URL standard writes it (`0::0` → `::`), and an IPv4-mapped
 * IPv6 address as its IPv4 address. Anything else is returned as given.
 */
function canonical(address: string): string {
  if (!isIPv6(address)) return address;
  const host = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  if (!host.startsWith(IPV4_MAPPED_PREFIX)) return host;
  const [high = '', low = ''] = host.slice(IPV4_MAPPED_PREFIX.length).split(':');
  if (!high || !low) return host;
  const word = (hex: string) => parseInt(hex, 16);
  return [word(high) >> 8, word(high) & 0xff, word(low) >> 8, word(low) & 0xff].join('.');
}

/**
 * Whether listening on `a` and on `b` (same port) collide, as the system sees it: the same address;
 * `::` with anything (it covers both families); `0.0.0.0` with any IPv4 address. `0.0.0.0` and an
 * IPv6 address other than `::` do not.
 */
export function listenAddressesOverlap(a: string, b: string): boolean {
  const x = canonical(a);
  const y = canonical(b);
  if (x === y || x === IPV6_ANY || y === IPV6_ANY) return true;
  return (x === IPV4_ANY && isIPv4(y)) || (y === IPV4_ANY && isIPv4(x));
}
