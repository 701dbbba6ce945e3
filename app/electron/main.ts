// Electron main process: applies the security policy, serves the renderer, connects windows
// to the router. `npm start` runs this after building.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, Menu, session, shell } from 'electron';
import { startPorthole, type PortholeApp } from '../../main/composition/index.js';
import { installSafetyNet } from '../../main/process/index.js';
import { PORTHOLE_VERSION } from '../../shared/version.js';
import { resolveDataDir } from '../host/data-dir.js';
import { rendererDistDir } from '../host/static-files.js';
import { installCloseConfirm, type CloseConfirm } from './close-confirm.js';
import { createLinksService } from './external-links.js';
import { createFilesService } from './show-in-folder.js';
import { installIpc } from './ipc.js';
import { buildMenuTemplate } from './menu.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { APP_ENTRY_URL, buildPermissionHandlers, isAllowedNavigation, WINDOW_OPEN_DECISION } from './security.js';
import { buildWindowOptions } from './window-options.js';

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

let closeConfirm: CloseConfirm | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(buildWindowOptions(join(import.meta.dirname, 'preload.cjs'), { isPackaged: app.isPackaged }));
  closeConfirm?.watch(win);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

let porthole: PortholeApp | null = null;

async function start(): Promise<void> {
  await app.whenReady();
  // Clipboard for our own page only; everything else denied.
  const permissions = buildPermissionHandlers();
  session.defaultSession.setPermissionRequestHandler(permissions.request);
  session.defaultSession.setPermissionCheckHandler(permissions.check);
  serveRenderer(rendererDistDir(import.meta.dirname));

  // The composition root decides sandbox or real AWS and builds every service on one router.
  porthole = await startPorthole({ host: 'electron', version: PORTHOLE_VERSION, dataDir: resolveDataDir(process.env, app.getPath('userData')) });
  porthole.router.register('links', createLinksService((url) => shell.openExternal(url)));
  const shells = porthole.shells;
  porthole.router.register(
    'files',
    createFilesService({
      wrote: (path) => shells.wroteRecording(path),
      exists: (path) => stat(path).then((s) => s.isFile(), () => false),
      reveal: (path) => shell.showItemInFolder(path),
    }),
  );
  const gate = installIpc(porthole.router);
  const settings = porthole.settings;
  // Closing a window or quitting with live shells asks first, like closing a live tab.
  closeConfirm = installCloseConfirm({ gate, confirmEnabled: async () => (await settings.get()).confirmCloseLive, windows: () => BrowserWindow.getAllWindows() });

  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ isMac: process.platform === 'darwin', isPackaged: app.isPackaged })));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

app.on('window-all-closed', () => app.quit());
// Sessions and forwards end (TerminateSession) and the sandbox stops before the process exits.
let quitting = false;
app.on('will-quit', (e) => {
  if (quitting || porthole === null) return;
  quitting = true;
  e.preventDefault();
  void porthole.close().finally(() => app.quit());
});

start().catch((err: unknown) => {
  console.error(`porthole: Electron host failed to start: ${err instanceof Error ? err.message : String(err)}`);
  app.exit(1);
});
