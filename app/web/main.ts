// `npm run web`: the whole app in a browser. Prints the tokenised URL to open.
//   node dist/app/web/main.js [--port N] [--help]     (or PORTHOLE_PORT=N; default: a free port; app/web/args.ts)
import { rendererDistDir } from '../host/static-files.js';
import { runWebHost } from './run.js';

runWebHost({ staticDir: rendererDistDir(import.meta.dirname) });
