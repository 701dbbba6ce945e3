// Electron main process: applies the security policy, serves the renderer, connects windows
// to the router. `npm start` runs this after building. The order (window first, then the
// composition root imported and built in the background) is start.ts's, unit-tested there; this
// file only hands it the real Electron pieces. Nothing here imports main/composition statically.
import { join } from 'node:path';
import { app, BrowserWindow, Menu, session, shell } from 'electron';
import { installSafetyNet } from '../../main/process/index.js';
import { resolveDataDir } from '../host/data-dir.js';
import { rendererDistDir } from '../host/static-files.js';
import { installCloseConfirm } from './close-confirm.js';
import { installIpc } from './ipc.js';
import { buildMenuTemplate } from './menu.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { buildPermissionHandlers, isAllowedNavigation, WINDOW_OPEN_DECISION } from './security.js';
import { startElectronHost } from './start.js';

// A bug that throws is logged; the app and every other session keep running.
installSafetyNet({ name: 'Electron main' });
registerAppScheme();

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => WINDOW_OPEN_DECISION);
  contents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isAllowedNavigation(url)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

startElectronHost({
  app,
  BrowserWindow,
  preloadPath: join(import.meta.dirname, 'preload.cjs'),
  dataDir: resolveDataDir(process.env, app.getPath('userData')),
  prepare: () => {
    // Clipboard for our own page only; everything else denied.
    const permissions = buildPermissionHandlers();
    session.defaultSession.setPermissionRequestHandler(permissions.request);
    session.defaultSession.setPermissionCheckHandler(permissions.check);
    serveRenderer(rendererDistDir(import.meta.dirname));
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ isMac: process.platform === 'darwin', isPackaged: app.isPackaged })));
  },
  installIpc,
  installCloseConfirm: (start) => installCloseConfirm({ ...start, windows: () => BrowserWindow.getAllWindows() }),
  loadComposition: () => import('../../main/composition/index.js'),
  openExternal: (url) => shell.openExternal(url),
  reveal: (path) => shell.showItemInFolder(path),
  log: (line) => console.log(line),
}).catch((err: unknown) => {
  console.error(`porthole: Electron host failed to start: ${err instanceof Error ? err.message : String(err)}`);
  app.exit(1);
});
