/**
 * The sandbox's first gate, applied to every API request and websocket upgrade before anything
 * is read: the Host header must name the sandbox itself (`127.0.0.1:PORT` or `localhost:PORT`, the
 * port it was reached on), so a web page that rebinds a DNS name to 127.0.0.1 is refused; and a
 * request from a browser page (one carrying Origin or Sec-Fetch-Site) is refused, since no other
 * page is a legitimate caller of the sandbox — its clients are the SDK, the CLIs and Porthole's
 * engine, none of which send those headers. The one exception, on HTTP only: the sandbox's own
 * pages (the SSO device-approval page) calling back to their own origin.
 */
import type { IncomingMessage } from 'node:http';

/** Host names the sandbox answers to (it listens on 127.0.0.1 only). */
const OWN_HOSTS = ['127.0.0.1', 'localhost'] as const;

/** Why a request must be refused before its body is read, or undefined when it may proceed. */
export function refuseForeignRequest(req: IncomingMessage, opts: { allowOwnOrigin: boolean }): string | undefined {
  const port = req.socket.localPort;
  const host = (req.headers.host ?? '').toLowerCase();
  if (port === undefined || !OWN_HOSTS.some((h) => host === `${h}:${port}`)) {
    return `Host "${req.headers.host ?? ''}" is not this sandbox (use 127.0.0.1:${port ?? 'PORT'} or localhost:${port ?? 'PORT'}).`;
  }
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const own = opts.allowOwnOrigin && (origin === undefined || OWN_HOSTS.some((h) => origin.toLowerCase() === `http://${h}:${port}`)) && (site === undefined || site === 'same-origin');
  if ((origin !== undefined || site !== undefined) && !own) {
    return `Requests from browser pages are refused (Origin ${req.headers.origin ?? 'unknown'}).`;
  }
  return undefined;
}
