// The Electron glue of the close guard: a window's `close` and the app's `before-quit` are
// cancelled while a native dialog asks "N sessions are still open — close them?". The decisions
// are in close-guard.ts (unit-tested); this file only connects them to Electron.
import { app, dialog, type BrowserWindow } from 'electron';
import { CloseGuard, countLiveSessions, sumLive, type CloseQuestion, type SessionCountError } from './close-guard.js';
import type { CloseConfirmStart } from './start.js';

export interface CloseConfirmDeps extends CloseConfirmStart {
  readonly windows: () => readonly BrowserWindow[];
}

async function liveIn(deps: CloseConfirmDeps, win: BrowserWindow): Promise<number | SessionCountError> {
  // Before the services are built no session exists (and asking would wait for them).
  if (win.isDestroyed() || !deps.servicesUp()) return 0;
  const response = await deps.gate.sessionsResponse(win.webContents.id);
  return response === null ? 0 : countLiveSessions(response);
}

async function ask(q: CloseQuestion, parent: BrowserWindow | undefined): Promise<number> {
  const options = { ...q, buttons: [...q.buttons], noLink: true };
  const { response } = parent === undefined ? await dialog.showMessageBox(options) : await dialog.showMessageBox(parent, options);
  return response;
}

export interface CloseConfirm {
  /** Installs the guard on a new window. */
  watch(win: BrowserWindow): void;
}

export function installCloseConfirm(deps: CloseConfirmDeps): CloseConfirm {
  const quit = new CloseGuard('quit', {
    count: async () => sumLive(await Promise.all(deps.windows().map((w) => liveIn(deps, w)))),
    confirmEnabled: deps.confirmEnabled,
    ask: (q) => ask(q, deps.windows().find((w) => !w.isDestroyed() && w.isFocused())),
  });
  app.on('before-quit', (e) => {
    if (!quit.onClose(() => app.quit())) e.preventDefault();
  });
  return {
    watch(win) {
      const guard = new CloseGuard('window', {
        count: () => liveIn(deps, win),
        confirmEnabled: deps.confirmEnabled,
        ask: (q) => ask(q, win),
      });
      win.on('close', (e) => {
        // Quitting asked once for every window already.
        if (quit.approved) return;
        if (!guard.onClose(() => win.close())) e.preventDefault();
      });
    },
  };
}
