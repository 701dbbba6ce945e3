// Serves the built renderer to requests that passed the access check, with the security headers.
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RENDERER_SECURITY_HEADERS } from '../host/csp.js';
import { contentTypeOf, resolveStaticPath } from '../host/static-files.js';
import { REFUSAL_HEADER, STALE_TOKEN_REFUSAL } from '../../shared/web-refusal.js';
import { checkRequest, hostAllowed, parseTarget, tokenCookieName, type AccessPolicy } from './access.js';
import { ASSET_CACHE, isHashedAsset, type AssetCache } from './asset-cache.js';

export const REFUSED_TEXT = 'Porthole: this address needs the token printed when the web host started (open the full URL it printed).\n';

/**
 * The refusal of a page left open across a restart of the web host (its reload carries the old
 * run's token). Still a 403 that serves nothing: it only says why, and where the new address is.
 */
export const STALE_TOKEN_TEXT = [
  "Porthole's web host was restarted since this page was opened.",
  '',
  'Each start of the web host makes a new access token, and this page still has the one from before',
  '(or its address has a wrong token), so it is refused.',
  '',
  'Open the address the web host printed when it started, in the terminal where it runs',
  '(`npm run web`): the line "Porthole … web host is running. Open: http://127.0.0.1:…/?token=…".',
  '',
].join('\n');

function refuse(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...RENDERER_SECURITY_HEADERS, ...extra });
  res.end(text);
}

export function handleHttp(req: IncomingMessage, res: ServerResponse, policy: AccessPolicy, staticDir: string, assets: AssetCache): void {
  if (!hostAllowed(req, policy)) return refuse(res, 403, REFUSED_TEXT);
  const url = parseTarget(req.url);
  if (url === undefined) return refuse(res, 400, 'Porthole: the request target is not a valid URL.\n');
  const verdict = checkRequest(req, policy, url);
  // The stale-token refusal is marked so a page that lost its WebSocket can tell "restarted" from "gone" (renderer/bridge/host-probe.ts).
  if (!verdict.ok) return verdict.staleToken ? refuse(res, 403, STALE_TOKEN_TEXT, { [REFUSAL_HEADER]: STALE_TOKEN_REFUSAL }) : refuse(res, 403, REFUSED_TEXT);
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Porthole: only GET and HEAD are served here.\n');
  const file = resolveStaticPath(staticDir, url.pathname);
  if (file === null) return refuse(res, 404, `Porthole: no such file ${url.pathname}\n`);
  const hashed = isHashedAsset(file);
  const headers: Record<string, string> = {
    ...RENDERER_SECURITY_HEADERS,
    'Content-Type': contentTypeOf(file),
    // A content-hashed asset never changes under its name; the page and anything unhashed are
    // rebuilt often, so they are never kept: a newer host never runs a stale renderer.
    'Cache-Control': hashed ? ASSET_CACHE.IMMUTABLE : 'no-store',
  };
  // Later requests (assets, reloads, the WebSocket) carry the token as a cookie, not in the URL.
  if (verdict.viaQuery) headers['Set-Cookie'] = `${tokenCookieName(policy.port)}=${policy.token}; HttpOnly; SameSite=Strict; Path=/`;
  if (hashed) return void sendAsset(req, res, headers, assets.read(file), url.pathname);
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** One write of the whole file from memory, its length known up front. */
async function sendAsset(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>, bytes: Promise<Buffer>, path: string): Promise<void> {
  let body: Buffer;
  try {
    body = await bytes;
  } catch {
    // Removed between the path check and the read (a rebuild): as if it had not been there.
    return refuse(res, 404, `Porthole: no such file ${path}\n`);
  }
  res.writeHead(200, { ...headers, 'Content-Length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}
