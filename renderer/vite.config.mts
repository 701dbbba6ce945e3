// Builds the renderer with relative asset paths, so both hosts can serve it (the web host from
// its root, Electron from porthole://app/). Two builds: the product (dist/renderer, what ships)
// and, with `--mode test`, the test build (dist/testing/renderer, never packaged) — the only one
// that carries the read-only e2e test hook (__PORTHOLE_TEST_BUILD__ is false in the product, so
// the hook's code is not even in its bundle).
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, normalizePath, type Plugin } from 'vite';
import { ENTRY_ATTRIBUTE } from './boot/entry-attribute.js';

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

/**
 * The boot script (boot/boot.ts): a chunk of its own, built from boot/ alone, that starts the app's
 * bundle. In Vite's module-id form (forward slashes on Windows too): it is compared with module ids.
 */
const BOOT_DIR = normalizePath(fileURLToPath(new URL('./boot/', import.meta.url)));
const BOOT_MODULE = `${BOOT_DIR}boot.ts`;
const BOOT_CHUNK_NAME = 'boot';

/**
 * Turns the app bundle's script tag into `<link rel="modulepreload" data-porthole-entry>` and adds
 * boot.ts's script (build only): Chromium fetches and compiles the app at once but does not run
 * it, and boot.ts runs it after the static shell's first frame (issue 16 §1: app shell painted
 * < 300 ms). Fails the build if vite's tag is not where expected, rather than ship a page whose
 * app never starts.
 */
function startAppAfterFirstPaint(): Plugin {
  return {
    name: 'porthole-start-app-after-first-paint',
    apply: 'build',
    enforce: 'post',
    buildStart() {
      this.emitFile({ type: 'chunk', id: BOOT_MODULE, name: BOOT_CHUNK_NAME });
    },
    generateBundle(_options, bundle) {
      const page = bundle['index.html'];
      if (page === undefined || page.type !== 'asset' || typeof page.source !== 'string') return;
      const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
      const boot = chunks.find((c) => c.isEntry && c.facadeModuleId === BOOT_MODULE);
      const app = chunks.find((c) => c !== boot && page.source.includes(`<script type="module" crossorigin src="./${c.fileName}"></script>`));
      if (boot === undefined || app === undefined) this.error('index.html has no script tag for the app, or boot.ts was not built');
      if (boot.imports.length > 0 || boot.dynamicImports.length > 0) this.error(`boot.ts must load nothing else before the app (it imports ${[...boot.imports, ...boot.dynamicImports].join(', ')})`);
      page.source = page.source.replace(
        `<script type="module" crossorigin src="./${app.fileName}"></script>`,
        `<link rel="modulepreload" crossorigin href="./${app.fileName}" ${ENTRY_ATTRIBUTE}>\n    <script type="module" src="./${boot.fileName}"></script>`,
      );
    },
  };
}

export default defineConfig(({ mode }) => ({
  root: here,
  base: './',
  plugins: [react(), inlineEntryCss(), startAppAfterFirstPaint()],
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
          // boot/ stays out of it: it is its own few hundred bytes (startAppAfterFirstPaint).
          groups: [{ name: 'first-screen', tags: ['$initial'], test: (id) => !id.startsWith(BOOT_DIR) }],
        },
      },
    },
  },
}));
