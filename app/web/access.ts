// Who may talk to the web host: requests to our own loopback address (no DNS rebinding), from
// our own page (no cross-site WebSocket), carrying the token printed at start.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** 256 bits: unguessable for the lifetime of a local process. */
const TOKEN_BYTES = 32;

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('hex');
}

/** Cookies are not per-port, so the name carries the port: two Porthole instances never clash. */
export function tokenCookieName(port: number): string {
  return `porthole_token_${port}`;
}

function sameToken(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface AccessPolicy {
  readonly token: string;
  readonly port: number;
}

/**
 * `staleToken`: the request carried a token (in the address, or our port's cookie) that is not
 * this run's. Each start makes a new token, so that is nearly always a page left open from an
 * earlier run of the web host on the same port; the refusal says so instead of only "no token".
 */
export type AccessVerdict = { readonly ok: true; readonly viaQuery: boolean } | { readonly ok: false; readonly reason: string; readonly staleToken: boolean };

/** The hosts our page may be addressed as; anything else is a rebinding attempt. */
function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Whether the Host header names our own address; checked before anything else is parsed. */
export function hostAllowed(req: IncomingMessage, policy: AccessPolicy): boolean {
  return allowedHosts(policy.port).includes(req.headers.host ?? '');
}

/** The request target as a URL, or undefined when it cannot be parsed (`new URL` would throw). */
export function parseTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://127.0.0.1');
  } catch {
    return undefined;
  }
}

export function checkRequest(req: IncomingMessage, policy: AccessPolicy, url: URL): AccessVerdict {
  if (!hostAllowed(req, policy)) return { ok: false, reason: `unexpected Host header ${JSON.stringify(req.headers.host ?? '')}`, staleToken: false };
  // An empty token is no token.
  const fromQuery = url.searchParams.get('token') || undefined;
  const fromCookie = cookieValue(req.headers.cookie, tokenCookieName(policy.port)) || undefined;
  const viaQuery = sameToken(policy.token, fromQuery);
  if (viaQuery || sameToken(policy.token, fromCookie)) return { ok: true, viaQuery };
  if (fromQuery === undefined && fromCookie === undefined) return { ok: false, reason: 'missing token', staleToken: false };
  return { ok: false, reason: 'wrong token (from an earlier start of the web host?)', staleToken: true };
}

/** A WebSocket upgrade must also come from our own page (browsers always send Origin). */
export function checkUpgrade(req: IncomingMessage, policy: AccessPolicy, url: URL): AccessVerdict {
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts(policy.port).some((h) => origin === `http://${h}`)) return { ok: false, reason: `cross-origin WebSocket from ${origin}`, staleToken: false };
  return checkRequest(req, policy, url);
}
