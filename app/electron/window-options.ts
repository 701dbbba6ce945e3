// The BrowserWindow options, built by a pure function so the security settings are asserted by
// a unit test over the very object main.ts passes to Electron.
import type { BrowserWindowConstructorOptions } from 'electron';

export const WINDOW_SIZE = {
  /** Room for the tree, a 100-column terminal and the bottom panel on a 1366×768 laptop. */
  width: 1280,
  height: 800,
  /** Below this the three panes stop being usable. */
  minWidth: 720,
  minHeight: 480,
} as const;

/** Matches the dark theme's background so the window does not flash white before first paint. */
const BACKGROUND = '#15171c';

/** `isPackaged`: Electron's app.isPackaged; a packaged app has no DevTools at all. */
export function buildWindowOptions(preloadPath: string, build: { readonly isPackaged: boolean }): BrowserWindowConstructorOptions {
  return {
    ...WINDOW_SIZE,
    title: 'Porthole',
    show: false,
    backgroundColor: BACKGROUND,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: !build.isPackaged,
    },
  };
}
