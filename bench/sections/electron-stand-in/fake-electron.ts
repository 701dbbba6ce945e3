// The start-up bench's stand-in for the `electron` module (no Electron binary on the bench
// machines): just enough of app, BrowserWindow, protocol, session, Menu, shell, ipcMain and
// dialog for dist/app/electron/main.js to run its start-up under plain Node. It prints a marker
// line when the window is created and when its page is asked for; the bench times those lines.
// It opens no window and serves no page: Electron's own start, its window and the renderer's
// paint are not measured through it.
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Printed when main.js constructs its BrowserWindow. */
export const WINDOW_CREATED_LINE = 'PORTHOLE-BENCH-WINDOW-CREATED';
/** Printed when main.js asks the window to load the renderer. */
export const PAGE_REQUESTED_LINE = 'PORTHOLE-BENCH-PAGE-REQUESTED';

class FakeApp extends EventEmitter {
  readonly isPackaged = false;
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: string): string {
    return join(tmpdir(), `porthole-bench-electron-${name}`);
  }
  quit(): void {
    process.exit(0);
  }
  exit(code: number): void {
    process.exit(code);
  }
}

export const app = new FakeApp();

export class BrowserWindow extends EventEmitter {
  static readonly #all: BrowserWindow[] = [];
  static getAllWindows(): readonly BrowserWindow[] {
    return BrowserWindow.#all;
  }
  readonly webContents = { id: BrowserWindow.#all.length + 1 };
  constructor(_options: unknown) {
    super();
    BrowserWindow.#all.push(this);
    console.log(WINDOW_CREATED_LINE);
  }
  loadURL(_url: string): Promise<void> {
    console.log(PAGE_REQUESTED_LINE);
    return Promise.resolve();
  }
  show(): void {}
  isDestroyed(): boolean {
    return false;
  }
  isFocused(): boolean {
    return true;
  }
}

export const protocol = {
  registerSchemesAsPrivileged: (_schemes: unknown): void => undefined,
  handle: (_scheme: string, _handler: unknown): void => undefined,
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (_handler: unknown): void => undefined,
    setPermissionCheckHandler: (_handler: unknown): void => undefined,
  },
};

export const Menu = {
  buildFromTemplate: (template: unknown): unknown => template,
  setApplicationMenu: (_menu: unknown): void => undefined,
};

export const shell = {
  openExternal: (_url: string): Promise<void> => Promise.resolve(),
  showItemInFolder: (_path: string): void => undefined,
};

class FakeIpcMain extends EventEmitter {
  handle(_channel: string, _handler: unknown): void {}
}
export const ipcMain = new FakeIpcMain();

export class MessageChannelMain {
  constructor() {
    throw new Error('the start-up bench stand-in has no message ports: no page connects to it');
  }
}

export const dialog = {
  showMessageBox: (): Promise<{ response: number }> => Promise.resolve({ response: 1 }),
};
