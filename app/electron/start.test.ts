// The Electron host's start-up order, with a stand-in app and BrowserWindow (no Electron binary
// here): the window is created and its page loading before the composition root is even asked
// for; a call from the page that arrives meanwhile is answered once the services are built; a
// composition that fails reaches the page as a clear error (the window stays, the app does not
// exit); quitting while the services are being built waits for them and closes them. The IPC side
// is the real IpcGate on the real router (ipc.ts only hands it Electron's events).
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { PortholeOptions } from '../../main/composition/index.js';
import { createAppService } from '../../main/ipc/app.js';
import { Notices } from '../../main/hubs/notices.js';
import type { ClientTransport } from '../../main/ipc/router.js';
import { PORTHOLE_VERSION } from '../../shared/version.js';
import { SERVICES_READY_LINE } from '../host/lazy-services.js';
import { IpcGate, type SenderInfo } from './ipc-gate.js';
import { APP_ENTRY_URL } from './security.js';
import { startElectronHost, type CompositionModule, type ElectronServices, type HostApp } from './start.js';
import { WAIT_BOUND_MS } from '../../testing/vitest/bounded.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** What happened, in order: the assertions are about this order. */
type Step = 'ready' | 'prepare' | 'ipc' | 'window' | 'load' | 'import' | 'compose' | 'show' | 'quit';

class FakeApp extends EventEmitter implements HostApp {
  readonly isPackaged = false;
  constructor(private readonly steps: Step[]) {
    super();
  }
  whenReady(): Promise<void> {
    this.steps.push('ready');
    return Promise.resolve();
  }
  quit(): void {
    this.steps.push('quit');
  }
}

function fakeWindowClass(steps: Step[]) {
  return class FakeWindow extends EventEmitter {
    static readonly all: FakeWindow[] = [];
    static getAllWindows(): readonly FakeWindow[] {
      return FakeWindow.all;
    }
    loaded: string | null = null;
    shown = false;
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      steps.push('window');
      FakeWindow.all.push(this);
    }
    loadURL(url: string): Promise<void> {
      steps.push('load');
      this.loaded = url;
      return Promise.resolve();
    }
    show(): void {
      steps.push('show');
      this.shown = true;
    }
  };
}

const trusted: SenderInfo = { id: 1, frame: { url: APP_ENTRY_URL, isMainFrame: true } };
const transport: ClientTransport = { sendControl: () => undefined, sendData: () => undefined };
const request = (id: number, service: string, method: string, params: unknown = {}): unknown => ({ type: 'request', id, service, method, params });
/** Lets the event loop run a while: what a held call must survive unanswered. */
const turns = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function setup(steps: Step[], composition: () => Promise<CompositionModule>) {
  const dataDir = await mkdtemp(join(tmpdir(), 'porthole-electron-start-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const lines: string[] = [];
  const app = new FakeApp(steps);
  const BrowserWindow = fakeWindowClass(steps);
  const watched: unknown[] = [];
  let servicesUp: () => boolean = () => true;
  const host = await startElectronHost({
    app,
    BrowserWindow,
    preloadPath: '/app/preload.cjs',
    dataDir,
    prepare: () => steps.push('prepare'),
    installIpc: (router) => {
      steps.push('ipc');
      return new IpcGate(router);
    },
    installCloseConfirm: (start) => {
      servicesUp = start.servicesUp;
      return { watch: (win) => watched.push(win) };
    },
    loadComposition: () => {
      steps.push('import');
      return composition();
    },
    openExternal: () => Promise.resolve(),
    reveal: () => undefined,
    log: (line) => lines.push(line),
  });
  return { host, lines, app, BrowserWindow, watched, dataDir, servicesUp: () => servicesUp() };
}

/** A composition root whose start waits for `go`, then registers the app service on the host's router. */
function gatedComposition(steps: Step[]) {
  let go: () => void = () => undefined;
  const released = new Promise<void>((r) => (go = r));
  let closed = 0;
  const seen: PortholeOptions[] = [];
  const module: CompositionModule = {
    startPorthole: async (options): Promise<ElectronServices> => {
      seen.push(options);
      await released;
      steps.push('compose');
      const env = { host: 'electron' as const, version: options.version, platform: 'linux', dataDir: options.dataDir, sandbox: null };
      options.router?.register('app', createAppService(env, new Notices(() => undefined, () => undefined)));
      return {
        shells: { wroteRecording: () => false },
        settings: { get: async () => ({ confirmCloseLive: true }) },
        close: async () => {
          closed++;
        },
      };
    },
  };
  return { module, go, seen, closed: () => closed };
}

describe('Electron host start-up: the window first, the services after', () => {
  it('creates the window and loads its page before the composition root is asked for, and answers early calls once it is built', async () => {
    const steps: Step[] = [];
    const composition = gatedComposition(steps);
    const { host, lines, BrowserWindow, watched, dataDir, servicesUp } = await setup(steps, async () => composition.module);

    expect(steps.slice(0, 6)).toEqual(['ready', 'prepare', 'ipc', 'window', 'load', 'import']);
    const [win] = BrowserWindow.all;
    expect(win?.loaded).toBe(APP_ENTRY_URL);
    expect(win?.options).toMatchObject({ show: false, webPreferences: { preload: '/app/preload.cjs', contextIsolation: true, sandbox: true } });
    expect(watched).toEqual([win]);
    // Shown on its first paint, while the services are still being built.
    win?.emit('ready-to-show');
    expect(win?.shown).toBe(true);
    expect(servicesUp()).toBe(false);

    // The page connects and calls at once: the calls wait (the host's own links service too).
    expect('handleControl' in host.gate.connect(trusted, transport)).toBe(true);
    const info = host.gate.control(trusted, request(1, 'app', 'info'));
    const link = host.gate.control(trusted, request(2, 'links', 'open', { url: 'https://example.com/', purpose: 'link' }));
    let settled = false;
    void Promise.all([info, link]).then(() => (settled = true));
    await turns(200);
    expect(settled).toBe(false);
    expect(lines).not.toContain(SERVICES_READY_LINE);

    composition.go();
    expect(await info).toMatchObject({ ok: true, result: { host: 'electron', version: PORTHOLE_VERSION } });
    expect(await link).toMatchObject({ ok: true, result: { opened: true } });
    await host.services;
    expect(steps.indexOf('compose')).toBeGreaterThan(steps.indexOf('show'));
    expect(composition.seen[0]).toMatchObject({ host: 'electron', dataDir });
    expect(lines).toContain(SERVICES_READY_LINE);
    expect(servicesUp()).toBe(true);
    // Once built, calls run as before.
    expect(await host.gate.control(trusted, request(3, 'app', 'info'))).toMatchObject({ ok: true });
  });

  it('tells the page why when the composition root cannot start, and keeps the window', async () => {
    const steps: Step[] = [];
    const { host, lines, app, BrowserWindow } = await setup(steps, async () => {
      throw new Error('the data folder is read-only');
    });
    host.gate.connect(trusted, transport);
    const early = host.gate.control(trusted, request(1, 'inventory', 'profiles'));
    await expect(host.services).rejects.toThrow('read-only');
    const expected = { ok: false, error: { code: 'not_started', message: expect.stringContaining('Porthole could not start: the data folder is read-only') } };
    expect(await early).toMatchObject(expected);
    // A reload after the failure gets the same answer, not a hang.
    expect(await host.gate.control(trusted, request(2, 'app', 'info'))).toMatchObject(expected);
    expect(lines.some((l) => l.includes('could not start') && l.includes('read-only'))).toBe(true);
    expect(lines).not.toContain(SERVICES_READY_LINE);
    expect(BrowserWindow.all).toHaveLength(1);
    expect(steps).not.toContain('quit');
    // Quitting still works: nothing to close.
    app.emit('will-quit', { preventDefault: () => undefined });
    await expect.poll(() => steps.includes('quit'), { timeout: WAIT_BOUND_MS }).toBe(true);
  });

  it('quitting while the services are being built waits for them and closes them before the app quits', async () => {
    const steps: Step[] = [];
    const composition = gatedComposition(steps);
    const { app } = await setup(steps, async () => composition.module);
    let prevented = 0;
    app.emit('will-quit', { preventDefault: () => prevented++ });
    expect(prevented).toBe(1);
    await turns(100);
    expect(steps).not.toContain('quit');
    composition.go();
    await expect.poll(() => steps.includes('quit'), { timeout: WAIT_BOUND_MS }).toBe(true);
    expect(composition.closed()).toBe(1);
    expect(steps.indexOf('quit')).toBeGreaterThan(steps.indexOf('compose'));
    // The quit that follows passes.
    app.emit('will-quit', { preventDefault: () => prevented++ });
    expect(prevented).toBe(1);
  });

  it('opens a new window on activate when none is left, and quits when the last one closes', async () => {
    const steps: Step[] = [];
    const composition = gatedComposition(steps);
    const { app, BrowserWindow } = await setup(steps, async () => composition.module);
    app.emit('activate');
    expect(BrowserWindow.all).toHaveLength(1);
    BrowserWindow.all.length = 0;
    app.emit('activate');
    expect(BrowserWindow.all).toHaveLength(1);
    expect(BrowserWindow.all[0]?.loaded).toBe(APP_ENTRY_URL);
    app.emit('window-all-closed');
    expect(steps).toContain('quit');
    composition.go();
  });
});

describe('what the hosts load before their window or address', () => {
  it('imports the composition root only dynamically (type imports are erased)', async () => {
    const { readFile } = await import('node:fs/promises');
    const staticImport = /^import (?!type )[^;]*from '[./]*main\/composition\//m;
    for (const file of ['app/electron/main.ts', 'app/electron/start.ts', 'app/web/run.ts', 'app/web/main.ts', 'app/host/lazy-services.ts']) {
      const source = await readFile(join(import.meta.dirname, '..', '..', file), 'utf8');
      expect(staticImport.test(source), file).toBe(false);
    }
    // The pattern does catch a static import.
    expect(staticImport.test("import { startPorthole } from '../../main/composition/index.js';")).toBe(true);
  });
});
