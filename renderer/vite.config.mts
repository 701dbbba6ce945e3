// Builds the renderer with relative asset paths, so both hosts can serve it (the web host from
// its root, Electron from porthole://app/). Two builds: the product (dist/renderer, what ships)
// and, with `--mode test`, the test build (dist/testing/renderer, never packaged) — the only one
// that carries the read-only e2e test hook (__PORTHOLE_TEST_BUILD__ is false in the product, so
// the hook's code is not even in its bundle).
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
/** `vite build --mode test` makes the test build. */
const TEST_MODE = 'test';

/** Vite's tag for the entry's stylesheet: `<link rel="stylesheet" crossorigin href="./assets/x.css">`. */
const STYLESHEET_LINK = /<link rel="stylesheet"[^>]*? href="\.\/(assets\/[^"]+\.css)"[^>]*>/g;

/**
 * Puts the stylesheet index.html links into index.html itself (build only), so the first paint
 * needs the page alone, not a second request (issue 16 §1: app shell painted < 300 ms). The CSP
 * needs no change for it: style-src already allows inline styles, because xterm's DOM renderer
 * writes its colours into <style> elements it makes at runtime (app/host/csp.ts), and a hash in
 * style-src would switch that allowance off. Scripts stay files ('self' only).
 */
function inlineEntryCss(): Plugin {
  return {
    name: 'porthole-inline-entry-css',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = bundle['index.html'];
      if (page === undefined || page.type !== 'asset' || typeof page.source !== 'string') return;
      page.source = page.source.replace(STYLESHEET_LINK, (tag, file: string) => {
        const css = bundle[file];
        if (css === undefined || css.type !== 'asset') return tag;
        const text = typeof css.source === 'string' ? css.source : new TextDecoder().decode(css.source);
        // A "</style" inside the CSS would end the element early; vite's minified CSS has none, but keep the link then.
        if (/<\/style/i.test(text)) return tag;
        // Only the page used it (lazy chunks' CSS are their own files): no file left to fetch or ship.
        delete bundle[file];
        return `<style>${text}</style>`;
      });
    },
  };
}

export default defineConfig(({ mode }) => ({
  root: here,
  base: './',
  plugins: [react(), inlineEntryCss()],
  define: { __PORTHOLE_TEST_BUILD__: JSON.stringify(mode === TEST_MODE) },
  build: {
    outDir: fileURLToPath(new URL(mode === TEST_MODE ? '../dist/testing/renderer' : '../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Source maps help debugging the app itself; they hold only our own code.
    sourcemap: true,
    // Inline nothing as data: URLs beyond tiny assets, so the CSP can stay strict.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the entry imports statically (React, the stores, the tree, the contract) in
          // one chunk beside the entry: the first screen is two script requests instead of nine
          // (a browser opens 6 connections per host, so the rest queued behind the big ones). The
          // lazy parts (terminal, panels, dialogs) stay their own chunks.
          groups: [{ name: 'first-screen', tags: ['$initial'] }],
        },
      },
    },
  },
}));
