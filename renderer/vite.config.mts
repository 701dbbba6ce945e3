// Builds the renderer to dist/renderer with relative asset paths, so both hosts can serve it
// (the web host from its root, Electron from porthole://app/).
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Source maps help debugging the app itself; they hold only our own code.
    sourcemap: true,
    // Inline nothing as data: URLs beyond tiny assets, so the CSP can stay strict.
    assetsInlineLimit: 0,
  },
});
