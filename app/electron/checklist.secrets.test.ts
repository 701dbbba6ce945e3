// The Electron security checklist (issue 6 part 3) over what the host configures, without the
// Electron binary. security.test.ts checks the pure policy functions and the window options;
// this file checks that main.ts, start.ts and ipc.ts actually wire every one of them, that no source
// under app/ or renderer/ weakens them, and the policy against hostile URLs and CSP sources.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, RENDERER_SECURITY_HEADERS } from '../host/csp.js';
import { resolveStaticPath } from '../host/static-files.js';
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES, isAllowedNavigation, isTrustedSender } from './security.js';
import { buildWindowOptions } from './window-options.js';

const repo = join(import.meta.dirname, '..', '..');
const source = (path: string) => readFileSync(join(repo, path), 'utf8');

function files(dir: string, exts: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path, exts));
    else if (exts.some((e) => name.endsWith(e)) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

describe('main.ts wires the whole policy', () => {
  const main = source('app/electron/main.ts');

  it('builds every window in start.ts from buildWindowOptions and loads only the app entry URL', () => {
    // main.ts hands start.ts the BrowserWindow class and opens no window itself.
    expect(main).not.toMatch(/new BrowserWindow\(|\.loadURL\(|\.loadFile\(|https?:\/\//);
    expect(main).toMatch(/^\s*BrowserWindow,$/m);
    const start = source('app/electron/start.ts');
    expect(start.match(/new deps\.BrowserWindow\(/g)).toHaveLength(1);
    expect(start).toMatch(/new deps\.BrowserWindow\(buildWindowOptions\(/);
    expect(start.match(/\.loadURL\(/g)).toHaveLength(1);
    expect(start).toMatch(/\.loadURL\(APP_ENTRY_URL\)/);
    expect(start).not.toMatch(/\.loadFile\(|https?:\/\//);
  });

  it('guards every web contents: window.open denied, navigation and redirects checked, webviews refused', () => {
    expect(main).toMatch(/app\.on\('web-contents-created'/);
    expect(main).toMatch(/setWindowOpenHandler\(\(\) => WINDOW_OPEN_DECISION\)/);
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(main).toMatch(new RegExp(`on\\('${event}', \\(e, url\\) => \\{\\s*if \\(!isAllowedNavigation\\(url\\)\\) e\\.preventDefault\\(\\);`));
    }
    expect(main).toMatch(/on\('will-attach-webview', \(e\) => e\.preventDefault\(\)\)/);
  });

  it('answers permission requests and checks with the handlers security.test.ts exercises', () => {
    expect(main).toMatch(/const permissions = buildPermissionHandlers\(\);/);
    expect(main).toMatch(/setPermissionRequestHandler\(permissions\.request\)/);
    expect(main).toMatch(/setPermissionCheckHandler\(permissions\.check\)/);
  });
});

describe('ipc.ts checks the sender of every message', () => {
  const ipc = source('app/electron/ipc.ts');

  it('routes control requests and connects only through the gate, with the sender frame', () => {
    expect(ipc.match(/ipcMain\.handle\(/g)).toHaveLength(1);
    expect(ipc).toMatch(/ipcMain\.handle\(IPC_CHANNELS\.control, \(event, raw: unknown\) => gate\.control\(senderInfo\(event\), raw\)\)/);
    expect(ipc.match(/ipcMain\.on\(/g)).toHaveLength(1);
    expect(ipc).toMatch(/const connected = links\.connect\(contents, info,/);
    expect(ipc).toMatch(/frame === event\.sender\.mainFrame/);
    expect(ipc).not.toMatch(/sendSync|ipcMain\.handleOnce|ipcMain\.once/);
  });

  it('the gate trusts no subframe, no other origin and no look-alike of ours', () => {
    for (const url of ['porthole://app.evil/index.html', 'porthole://app@evil/', 'http://app/index.html', 'file:///index.html', 'about:blank', 'porthole:app/index.html']) {
      expect(isTrustedSender({ url, isMainFrame: true }), url).toBe(false);
    }
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: false })).toBe(false);
  });
});

describe('navigation policy against hostile URLs', () => {
  it('refuses script, data, blob, other hosts and credentials in the authority', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>1</script>', 'blob:porthole://app/x', 'porthole://app.evil.com/', 'porthole://user@evil/', 'porthole://app:81/', 'https://app/', 'PORTHOLE://EVIL/', '']) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });
});

describe('no source weakens the policy', () => {
  const sources = [...files(join(repo, 'app'), ['.ts', '.cts', '.mts']), ...files(join(repo, 'renderer'), ['.ts', '.tsx', '.html'])];
  const FORBIDDEN: ReadonlyArray<readonly [string, RegExp]> = [
    ['nodeIntegration on', /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/],
    ['context isolation off', /contextIsolation\s*:\s*false/],
    ['sandbox off', /sandbox\s*:\s*false/],
    ['web security off', /webSecurity\s*:\s*false/],
    ['insecure content', /allowRunningInsecureContent\s*:\s*true/],
    ['webview tag', /webviewTag\s*:\s*true|<webview/],
    ['remote module', /enableRemoteModule|@electron\/remote/],
    ['synchronous IPC', /sendSync\(/],
    ['opening external URLs outside the links service', /openExternal\(/],
    ['eval', /\beval\(|new Function\(/],
    ['a remote script or stylesheet', /<(script|link)[^>]+(src|href)=["']?(https?:)?\/\//],
  ];

  it(`finds none of ${FORBIDDEN.length} forbidden patterns in ${sources.length} files`, () => {
    expect(sources.length).toBeGreaterThan(20);
    const hits = sources.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return FORBIDDEN.filter(([, re]) => re.test(text)).map(([what]) => `${relative(repo, file)}: ${what}`);
    });
    // The one sanctioned opener: main.ts hands shell.openExternal to start.ts, which gives it to the validating links service only.
    expect(hits).toEqual(['app/electron/main.ts: opening external URLs outside the links service']);
    const main = readFileSync(join(repo, 'app', 'electron', 'main.ts'), 'utf8');
    expect(main.match(/openExternal\(/g)).toHaveLength(1);
    expect(main).toMatch(/openExternal: \(url\) => shell\.openExternal\(url\),/);
    const start = readFileSync(join(repo, 'app', 'electron', 'start.ts'), 'utf8');
    expect(start.match(/deps\.openExternal\b/g)).toEqual(['deps.openExternal']);
    expect(start).toMatch(/createLinksService\(deps\.openExternal\)/);
  });

  it('the window options set every checklist item explicitly', () => {
    const prefs = buildWindowOptions('/p.cjs', { isPackaged: true }).webPreferences ?? {};
    expect([prefs.contextIsolation, prefs.sandbox, prefs.nodeIntegration, prefs.webSecurity]).toEqual([true, true, false, true]);
  });
});

describe('the renderer is served with a CSP that allows no remote content', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name ?? '', values]));

  it('every source is the app itself, none or inline data; no host, scheme wildcard or eval', () => {
    const allowed = new Set(["'self'", "'none'", 'data:']);
    for (const [name, values] of directives) {
      for (const v of values) {
        const ok = allowed.has(v) || (name === 'style-src' && v === "'unsafe-inline'");
        expect(ok, `${name} ${v}`).toBe(true);
      }
    }
    for (const name of ['default-src', 'script-src', 'connect-src', 'object-src', 'base-uri', 'frame-ancestors', 'form-action']) expect(directives.has(name), name).toBe(true);
    expect(directives.get('default-src')).toEqual(["'none'"]);
  });

  it('sends the CSP and the isolation headers with every renderer file; the scheme cannot bypass the CSP', () => {
    expect(RENDERER_SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(RENDERER_SECURITY_HEADERS).toMatchObject({ 'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Opener-Policy': 'same-origin' });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(source('app/electron/protocol.ts')).toMatch(/headers: \{ \.\.\.RENDERER_SECURITY_HEADERS,/);
  });

  it('serves no file outside the renderer directory, however the path is spelled', () => {
    const root = join(repo, 'renderer');
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/index.html%00.js', '//etc/passwd', '/%E0%A4%A']) {
      expect(resolveStaticPath(root, p), p).toBeNull();
    }
    expect(resolveStaticPath(root, '/index.html')).toBe(join(root, 'index.html'));
  });
});
