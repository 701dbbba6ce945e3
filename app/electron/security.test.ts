// Asserts the Electron window's security settings and the IPC gate's checks without Electron:
// over the very options object and gate that main.ts uses.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToRendererControl, ToRendererData } from '../../shared/contract/index.js';
import { createBaseRouter } from '../../testing/ipc/base-router.js';
import { CONTENT_SECURITY_POLICY } from '../host/csp.js';
import { IpcGate, type SenderInfo } from './ipc-gate.js';
import { buildMenuTemplate } from './menu.js';
import { APP_ENTRY_URL, APP_ORIGIN, buildPermissionHandlers, isAllowedNavigation, isTrustedSender, WINDOW_OPEN_DECISION } from './security.js';
import { buildWindowOptions } from './window-options.js';

describe('BrowserWindow options', () => {
  const options = buildWindowOptions('/opt/porthole/preload.cjs', { isPackaged: true });
  const prefs = options.webPreferences ?? {};

  it('has DevTools only in an unpackaged (development) build', () => {
    expect(prefs.devTools).toBe(false);
    expect(buildWindowOptions('/p.cjs', { isPackaged: false }).webPreferences?.devTools).toBe(true);
  });

  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(prefs).toMatchObject({
      preload: '/opt/porthole/preload.cjs',
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
    });
  });

  it('sets no option that would weaken the policy', () => {
    expect(Object.keys(prefs).sort()).toEqual(
      ['allowRunningInsecureContent', 'contextIsolation', 'devTools', 'experimentalFeatures', 'navigateOnDragDrop', 'nodeIntegration', 'nodeIntegrationInSubFrames', 'nodeIntegrationInWorker', 'preload', 'safeDialogs', 'sandbox', 'spellcheck', 'webSecurity', 'webviewTag'].sort(),
    );
  });
});

describe('security policy', () => {
  it('has a strict CSP: own scripts only, no eval, no framing, no plugins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('allows navigation only within the app origin and never opens windows', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation('porthole://app/other.html')).toBe(true);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('porthole://evil/index.html')).toBe(false);
    expect(isAllowedNavigation('not a url')).toBe(false);
    expect(WINDOW_OPEN_DECISION).toEqual({ action: 'deny' });
  });

  describe('permission handlers (as main.ts installs them)', () => {
    const handlers = buildPermissionHandlers();
    const page = (url: string) => ({ getURL: () => url });
    const request = (contents: { getURL(): string } | null, permission: string, details: { requestingUrl?: string; isMainFrame?: boolean }): boolean => {
      let granted: boolean | undefined;
      handlers.request(contents, permission, (g) => (granted = g), details);
      if (granted === undefined) throw new Error('the request handler never answered');
      return granted;
    };
    const ours = { requestingUrl: APP_ENTRY_URL, isMainFrame: true };

    it('grant copy and paste to the main frame of our own page', () => {
      for (const p of ['clipboard-sanitized-write', 'clipboard-read']) {
        expect(request(page(APP_ENTRY_URL), p, ours)).toBe(true);
        expect(handlers.check(page(APP_ENTRY_URL), p, APP_ORIGIN, { isMainFrame: true })).toBe(true);
        expect(handlers.check(page(APP_ENTRY_URL), p, APP_ORIGIN, ours)).toBe(true);
      }
    });

    it('deny the clipboard to anything else: a subframe, a foreign frame or page, an unknown asker', () => {
      for (const p of ['clipboard-sanitized-write', 'clipboard-read']) {
        expect(request(page(APP_ENTRY_URL), p, { requestingUrl: APP_ENTRY_URL, isMainFrame: false })).toBe(false);
        expect(request(page(APP_ENTRY_URL), p, { requestingUrl: 'https://evil.example/', isMainFrame: true })).toBe(false);
        expect(request(page('https://evil.example/'), p, ours)).toBe(false);
        expect(request(null, p, ours)).toBe(false);
        expect(request(page(APP_ENTRY_URL), p, {})).toBe(false);
        expect(request({ getURL: () => { throw new Error('Object has been destroyed'); } }, p, ours)).toBe(false);
        expect(handlers.check(page(APP_ENTRY_URL), p, 'https://evil.example', { isMainFrame: true })).toBe(false);
        expect(handlers.check(page('porthole://evil/index.html'), p, APP_ORIGIN, { isMainFrame: true })).toBe(false);
        expect(handlers.check(page(APP_ENTRY_URL), p, APP_ORIGIN, { isMainFrame: false })).toBe(false);
      }
    });

    it('deny every other permission, even to our own page', () => {
      for (const p of ['media', 'notifications', 'geolocation', 'openExternal', 'fullscreen', 'clipboard-write', 'midi', 'pointerLock']) {
        expect(request(page(APP_ENTRY_URL), p, ours)).toBe(false);
        expect(handlers.check(page(APP_ENTRY_URL), p, APP_ORIGIN, ours)).toBe(false);
      }
    });
  });

  it('trusts only the main frame of our own origin', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  it('offers dev tools only in unpackaged builds', () => {
    const roles = (packaged: boolean) => JSON.stringify(buildMenuTemplate({ isMac: false, isPackaged: packaged }));
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(true)).not.toContain('toggleDevTools');
  });
});

describe('IPC gate (the Electron host boundary)', () => {
  let dir: string;
  let gate: IpcGate;
  const pushed: ToRendererControl[] = [];
  const sentData: ToRendererData[] = [];
  const transport = { sendControl: (m: ToRendererControl) => pushed.push(m), sendData: (m: ToRendererData) => sentData.push(m) };
  const win: SenderInfo = { id: 1, frame: { url: APP_ENTRY_URL, isMainFrame: true } };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'porthole-gate-'));
    gate = new IpcGate(createBaseRouter({ host: 'electron', version: '1.0.0', platform: 'linux', dataDir: dir, sandbox: null }).router);
  });
  afterAll(async () => {
    gate.disconnect(win.id);
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to connect or answer an untrusted frame', async () => {
    const evil: SenderInfo = { id: 2, frame: { url: 'https://example.com/', isMainFrame: true } };
    expect(gate.connect(evil, transport)).toMatchObject({ code: 'malformed', message: expect.stringMatching(/untrusted frame \(https:\/\/example.com\/\)/) });
    expect(await gate.control(evil, { type: 'request', id: 1, service: 'app', method: 'info', params: {} })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/untrusted/) } });
  });

  it('answers a trusted window and rejects its malformed control and data messages clearly', async () => {
    gate.connect(win, transport);
    expect(await gate.control(win, { type: 'request', id: 1, service: 'app', method: 'info', params: {} })).toMatchObject({ ok: true, result: { host: 'electron' } });
    expect(await gate.control(win, { type: 'request', id: 2, service: 'app', method: 'info', params: { x: 1 } })).toMatchObject({
      id: 2,
      ok: false,
      error: { code: 'invalid_params', message: expect.stringMatching(/params: Unrecognized key: "x"/) },
    });
    expect(await gate.control(win, 42)).toMatchObject({ id: null, ok: false, error: { code: 'malformed' } });
    const err = gate.data(win.id, { type: 'input_stream_data', sessionId: 's1', bytes: 'ls' });
    expect(err?.message).toMatch(/bytes: must be bytes/);
    expect(pushed.at(-1)).toMatchObject({ type: 'rejected', plane: 'data', error: { code: 'malformed' } });
  });
});
