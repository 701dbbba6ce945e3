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

/**
 * Permissions our own page may use, and nothing else may: copy (the terminals' selection, the
 * tree's Copy action: navigator.clipboard.writeText) and paste (navigator.clipboard.readText).
 */
export const TRUSTED_PAGE_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'clipboard-read']);

/** Who asks: the frame's URL and whether it is the main frame, and the page it sits in. */
export interface PermissionAsker {
  readonly frameUrl: string | undefined;
  readonly isMainFrame: boolean | undefined;
  /** The URL of the web contents (the top page) the request comes from. */
  readonly pageUrl: string | undefined;
}

/**
 * Clipboard for the main frame of our own page (frame and page both on the app origin); every
 * other permission (camera, notifications, geolocation…) and every other asker is denied.
 */
export function decidePermission(permission: string, asker: PermissionAsker): boolean {
  if (!TRUSTED_PAGE_PERMISSIONS.has(permission)) return false;
  if (asker.frameUrl === undefined || asker.pageUrl === undefined || asker.isMainFrame !== true) return false;
  return isTrustedSender({ url: asker.frameUrl, isMainFrame: true }) && isTrustedSender({ url: asker.pageUrl, isMainFrame: true });
}

/** What the handlers need of Electron's WebContents (a fake in tests). */
interface AskingContents {
  getURL(): string;
}

/** Electron's details for both handlers (only what the decision reads). */
interface AskDetails {
  readonly requestingUrl?: string;
  readonly isMainFrame?: boolean;
}

/**
 * The session's permission request and check handlers, exactly as main.ts installs them:
 *   session.setPermissionRequestHandler(handlers.request); session.setPermissionCheckHandler(handlers.check);
 */
export function buildPermissionHandlers(): {
  request: (contents: AskingContents | null, permission: string, callback: (granted: boolean) => void, details: AskDetails) => void;
  check: (contents: AskingContents | null, permission: string, requestingOrigin: string, details: AskDetails) => boolean;
} {
  const pageUrl = (contents: AskingContents | null): string | undefined => {
    try {
      return contents?.getURL();
    } catch {
      return undefined; // a destroyed WebContents
    }
  };
  return {
    request: (contents, permission, callback, details) =>
      callback(decidePermission(permission, { frameUrl: details.requestingUrl, isMainFrame: details.isMainFrame, pageUrl: pageUrl(contents) })),
    check: (contents, permission, requestingOrigin, details) =>
      decidePermission(permission, { frameUrl: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame, pageUrl: pageUrl(contents) }),
  };
}

/** window.open and target=_blank never open a window. */
export const WINDOW_OPEN_DECISION = { action: 'deny' } as const;
