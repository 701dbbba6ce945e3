// The page's only script: starts the app once the static shell in index.html has had its first
// frame (issue 16 §1: app shell painted < 300 ms). The app's bundle is fetched and compiled
// meanwhile: the build turns its script tag into <link rel="modulepreload" data-porthole-entry>
// (startAppAfterFirstPaint in vite.config.mts). Evaluating the bundle holds the page's main
// thread for a long while, and when it ran first the shell was painted only after it.
// Its own chunk of a few hundred bytes: the build fails if it pulls in anything else.
import { ENTRY_ATTRIBUTE } from './entry-attribute.js';
import { startAfterFirstFrame } from './start-after-first-frame.js';

/** Where the static shell says what it is doing (index.html). */
const STATUS_SELECTOR = '#root .status-hint';

function sayCouldNotLoad(err: unknown): void {
  const reason = err instanceof Error ? err.message : String(err);
  const status = document.querySelector(STATUS_SELECTOR);
  if (status !== null) status.textContent = `Porthole could not load its page (${reason}). Reload to try again.`;
  console.error('porthole: the app bundle did not load:', err);
}

const entry = document.querySelector<HTMLLinkElement>(`link[rel="modulepreload"][${ENTRY_ATTRIBUTE}]`);
// No link: the dev server, which runs main.tsx from its own script tag.
if (entry !== null) {
  const url = entry.href;
  startAfterFirstFrame(() => void import(/* @vite-ignore */ url).catch(sayCouldNotLoad), {
    requestAnimationFrame: (cb) => window.requestAnimationFrame(cb),
    setTimeout: (cb, ms) => window.setTimeout(cb, ms),
  });
}
