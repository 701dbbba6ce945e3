// The Electron main process's start-up order (issue 16 §1), free of electron imports so it is
// unit-tested with a fake app and BrowserWindow (main.ts passes the real ones):
//   1. once Electron is ready: permissions, the renderer's scheme, the menu, the IPC handlers on a
//      router that has no services yet (app/host/lazy-services.ts, as the web host does);
//   2. the window, loading the built renderer (its static app shell paints at once);
//   3. only then the composition root is imported and built (AWS SDK, sandbox, sessions…), in the
//      background. The page's calls wait on the router until it is there; if it cannot start,
//      every call is answered with why, and the window shows it (the tree's message) instead of
//      staying blank or the app exiting.
import { stat } from 'node:fs/promises';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { PortholeOptions } from '../../main/composition/index.js';
import type { Router } from '../../main/ipc/router.js';
import { PORTHOLE_VERSION } from '../../shared/version.js';
import { LazyServices, SERVICES_READY_LINE, type Services } from '../host/lazy-services.js';
import { createLinksService } from './external-links.js';
import type { IpcGate } from './ipc-gate.js';
import { APP_ENTRY_URL } from './security.js';
import { createFilesService } from './show-in-folder.js';
import { buildWindowOptions } from './window-options.js';

/** What this host uses of the composition root's app (PortholeApp has all of it). */
export interface ElectronServices extends Services {
  readonly shells: { wroteRecording(path: string): boolean };
  readonly settings: { get(): Promise<{ readonly confirmCloseLive: boolean }> };
}

/** What this host uses of main/composition (imported only after the window, main.ts passes `import()`). */
export interface CompositionModule {
  readonly startPorthole: (options: PortholeOptions) => Promise<ElectronServices>;
}

/** What is used of Electron's app. */
export interface HostApp {
  readonly isPackaged: boolean;
  whenReady(): Promise<unknown>;
  on(event: 'activate' | 'window-all-closed', listener: () => void): unknown;
  on(event: 'will-quit', listener: (e: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/** What is used of a BrowserWindow here. */
export interface HostWindow {
  loadURL(url: string): Promise<unknown>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
}

/** What the close guard needs from start-up (close-confirm.ts adds the dialog and the window list). */
export interface CloseConfirmStart {
  readonly gate: IpcGate;
  /** False until the services are built: no session can be live before, so closing asks nothing. */
  readonly servicesUp: () => boolean;
  /** settings.confirmCloseLive, shared with the tab close. */
  readonly confirmEnabled: () => Promise<boolean>;
}

export interface ElectronHostDeps<W extends HostWindow> {
  readonly app: HostApp;
  readonly BrowserWindow: { new (options: BrowserWindowConstructorOptions): W; getAllWindows(): readonly unknown[] };
  readonly preloadPath: string;
  readonly dataDir: string;
  /** Permissions, the renderer's scheme and the menu: after 'ready', before the first window. */
  readonly prepare: () => void;
  readonly installIpc: (router: Router) => IpcGate;
  readonly installCloseConfirm: (start: CloseConfirmStart) => { watch(win: W): void };
  /** Imports main/composition; called only once the first window is loading its page. */
  readonly loadComposition: () => Promise<CompositionModule>;
  readonly openExternal: (url: string) => Promise<void>;
  readonly reveal: (path: string) => void;
  readonly log: (line: string) => void;
}

export interface ElectronHost {
  /** Settles when the services are built (or could not start). */
  readonly services: Promise<ElectronServices>;
  readonly gate: IpcGate;
  /** Ends sessions and forwards and stops the sandbox, waiting for a start in progress. */
  close(): Promise<void>;
}

export async function startElectronHost<W extends HostWindow>(deps: ElectronHostDeps<W>): Promise<ElectronHost> {
  const lazy = new LazyServices<ElectronServices>(async (router) => {
    const { startPorthole } = await deps.loadComposition();
    // The composition root decides sandbox or real AWS and builds every service on this router.
    return startPorthole({ host: 'electron', version: PORTHOLE_VERSION, dataDir: deps.dataDir, router });
  });
  const { router } = lazy;
  router.register('links', createLinksService(deps.openExternal));
  router.register(
    'files',
    createFilesService({
      // Calls wait for the services, so a recording can only be asked about once they are there.
      wrote: (path) => lazy.current?.shells.wroteRecording(path) ?? false,
      exists: (path) => stat(path).then((s) => s.isFile(), () => false),
      reveal: deps.reveal,
    }),
  );

  const { app } = deps;
  app.on('window-all-closed', () => app.quit());
  // Sessions and forwards end (TerminateSession) and the sandbox stops before the process exits.
  let quitting = false;
  app.on('will-quit', (e) => {
    if (quitting) return;
    quitting = true;
    e.preventDefault();
    void lazy.close().finally(() => app.quit());
  });

  await app.whenReady();
  deps.prepare();
  const gate = deps.installIpc(router);
  // Closing a window or quitting with live shells asks first, like closing a live tab.
  const closeConfirm = deps.installCloseConfirm({
    gate,
    servicesUp: () => lazy.current !== null,
    confirmEnabled: async () => (await lazy.current?.settings.get())?.confirmCloseLive ?? false,
  });
  const createWindow = (): void => {
    const win = new deps.BrowserWindow(buildWindowOptions(deps.preloadPath, { isPackaged: app.isPackaged }));
    closeConfirm.watch(win);
    win.once('ready-to-show', () => win.show());
    win.loadURL(APP_ENTRY_URL).catch((err: unknown) => deps.log(`porthole: the window could not load its page: ${err instanceof Error ? err.message : String(err)}`));
  };
  createWindow();
  app.on('activate', () => {
    if (deps.BrowserWindow.getAllWindows().length === 0) createWindow();
  });

  // The window is loading its page: now the heavy part.
  lazy.start();
  lazy.services.then(
    () => deps.log(SERVICES_READY_LINE),
    (err: unknown) => deps.log(`porthole: the services could not start (the window says so): ${err instanceof Error ? err.message : String(err)}`),
  );
  return { services: lazy.services, gate, close: () => lazy.close() };
}
