#!/usr/bin/env node
// The `porthole` command (package bin). Also runs as session-manager-plugin when invoked through
// a symlink of that name (see docs/cli.md). The code lives in dist/ (`npm run build`).
import { run } from '../dist/main/cli/index.js';

await run();
