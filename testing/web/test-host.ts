// Test support: the web host serving the renderer's test build (dist/testing/renderer, built by
// `npm run build` with `vite --mode test`), the only build that carries the read-only test hook
// (window.__portholeTest) the e2e tests read xterm's buffer through. Same flags as the product
// host: node dist/testing/web/test-host.js [--port N]
import { join } from 'node:path';
import { runWebHost } from '../../app/web/run.js';

runWebHost({ staticDir: join(import.meta.dirname, '..', 'renderer') });
