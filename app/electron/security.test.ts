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
import { APP_ENTRY_URL, decidePermission, isAllowedNavigation, isTrustedSender, WINDOW_OPEN_DECISION } from './security.js';
import { buildWindowOptions } from './window-options.js';

describe('BrowserWindow options', () => {
  const options = buildWindowOptions('/opt/porthole/preload.cjs');
  const prefs = options.webPreferences ?? {};

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

  it('denies every permission request', () => {
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) expect(decidePermission(p)).toBe(false);
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
