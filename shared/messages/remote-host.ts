// A remote host with a port stuck on ("db.internal:5432", as RDS and most consoles print an
// endpoint): the agent would be asked for db.internal:5432:5432, which no connection gets through.
// Pure: the contract refuses such a host, the form says how to split it, a saved forward that has
// one says why it cannot start.

/**
 * One colon followed by digits only: an IPv6 literal has at least two colons, and is left alone.
 */
const HOST_WITH_PORT = /^([^:]+):(\d+)$/;

/** The host and the port typed into it, when the remote host has a port in it; null otherwise. */
export function hostWithPort(host: string): { readonly host: string; readonly port: string } | null {
  const match = HOST_WITH_PORT.exec(host.trim());
  if (match === null) return null;
  const [, bare = '', port = ''] = match;
  return { host: bare, port };
}

/**
 * Why a remote host with a port in it is refused, and how to split it: `form` where it is typed
 * (the remote host field), `spec` anywhere else (another caller, a saved forward).
 */
export function hostWithPortText(split: { readonly host: string; readonly port: string }, where: 'form' | 'spec'): string {
  return where === 'form'
    ? `The remote host has a port in it: enter ${split.host} here and ${split.port} as the remote port.`
    : `The remote host has a port in it (${split.host}:${split.port}): use ${split.host} as the remote host and ${split.port} as the remote port.`;
}

/** A saved forward whose remote host has a port in it (saved before that was refused): why it cannot start, and what to do. */
export function savedHostWithPortText(split: { readonly host: string; readonly port: string }): string {
  return `Cannot start: ${hostWithPortText(split, 'spec')} Forget it and add it again that way.`;
}
