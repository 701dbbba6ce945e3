// Serves dist/renderer under porthole://app/ with the security headers (the CSP among them).
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { RENDERER_SECURITY_HEADERS } from '../host/csp.js';
import { contentTypeOf, resolveStaticPath } from '../host/static-files.js';
import { APP_HOST, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './security.js';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
}

export function serveRenderer(staticDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStaticPath(staticDir, url.pathname) : null;
    if (file === null) return new Response('Not found', { status: 404, headers: RENDERER_SECURITY_HEADERS });
    return new Response(await readFile(file), { headers: { ...RENDERER_SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) } });
  });
}
