// Builds the renderer with relative asset paths, so both hosts can serve it (the web host from
// its root, Electron from porthole://app/). Two builds: the product (dist/renderer, what ships)
// and, with `--mode test`, the test build (dist/testing/renderer, never packaged) — the only one
// that carries the read-only e2e test hook (__PORTHOLE_TEST_BUILD__ is false in the product, so
// the hook's code is not even in its bundle).
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
/** `vite build --mode test` makes the test build. */
const TEST_MODE = 'test';

export default defineConfig(({ mode }) => ({
  root: here,
  base: './',
  plugins: [react()],
  define: { __PORTHOLE_TEST_BUILD__: JSON.stringify(mode === TEST_MODE) },
  build: {
    outDir: fileURLToPath(new URL(mode === TEST_MODE ? '../dist/testing/renderer' : '../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Source maps help debugging the app itself; they hold only our own code.
    sourcemap: true,
    // Inline nothing as data: URLs beyond tiny assets, so the CSP can stay strict.
    assetsInlineLimit: 0,
  },
}));
