// The Electron security policy as plain data and pure functions, so a unit test can check it
// without the Electron binary. main.ts applies it; nothing here imports electron at runtime.

/** The renderer is served from a privileged custom scheme, never file:// (which shares one origin with every local file). */
export const APP_SCHEME = 'porthole';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Privileges for the app scheme: standard (real origin), secure (like https), fetch for assets. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  stream: true,
} as const;

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/** Only the app's own pages may load in a window; links and redirects elsewhere are refused. */
export function isAllowedNavigation(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}

/**
 * VS Code's validated IPC: a message counts only if it comes from the main frame of one of our
 * windows showing our own origin (not an iframe, not a page that navigated elsewhere).
 */
export function isTrustedSender(frame: { readonly url: string; readonly isMainFrame: boolean } | null): boolean {
  return frame !== null && frame.isMainFrame && originOf(frame.url) === APP_ORIGIN;
}

/** Every permission request (camera, notifications, clipboard-read, geolocation…) is denied. */
export function decidePermission(_permission: string): boolean {
  return false;
}

/** window.open and target=_blank never open a window. */
export const WINDOW_OPEN_DECISION = { action: 'deny' } as const;
