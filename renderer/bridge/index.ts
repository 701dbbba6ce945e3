// Picks the bridge for the host this page runs under: the Electron preload's API when present,
// otherwise the web host's WebSocket (on the page's own origin).
import { PRELOAD_GLOBAL, type PreloadApi } from '../../shared/contract/index.js';
import { createElectronBridge } from './electron.js';
import type { Bridge } from './types.js';
import { createWebSocketBridge } from './websocket.js';

export const WS_PATH = '/ws';

/** Reads the start token from the address bar once, then removes it so it is not left in history or screenshots. */
function takeTokenFromAddress(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token !== null) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return token;
}

export function connectBridge(): Bridge {
  const api = (window as unknown as Record<string, PreloadApi | undefined>)[PRELOAD_GLOBAL];
  if (api !== undefined) return createElectronBridge(api);
  const token = takeTokenFromAddress();
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  // The HttpOnly cookie set with the page also authorises the socket; the token is sent too when we have it.
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return createWebSocketBridge(`${scheme}//${window.location.host}${WS_PATH}${query}`);
}

export type { Bridge } from './types.js';
