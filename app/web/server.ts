// The web host: one HTTP server on 127.0.0.1 serving the renderer and one WebSocket path
// carrying the contract. Everything needs the token generated at start.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Router } from '../../main/ipc/router.js';
import { checkUpgrade, hostAllowed, newToken, parseTarget } from './access.js';
import { AssetCache } from './asset-cache.js';
import { handleHttp } from './http.js';
import { serveWebSocketClient } from './ws-client.js';

export const WEB_HOST = {
  /** Loopback only: the web host hands out shells, so it must never be reachable from the network. */
  BIND_ADDRESS: '127.0.0.1',
  WS_PATH: '/ws',
  /** Large enough for a 1 MiB data chunk plus header; the contract refuses anything bigger anyway. */
  MAX_WS_PAYLOAD: 2 * 1024 * 1024,
} as const;

export interface WebHostOptions {
  readonly router: Router;
  readonly staticDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Tests may fix the token; normally a fresh random one is made. */
  readonly token?: string;
}

export interface WebHost {
  readonly port: number;
  readonly token: string;
  /** The address to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, reason: string, status = '403 Forbidden'): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nPorthole: WebSocket refused (${reason}).\n`);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newToken();
  const server: Server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: WEB_HOST.MAX_WS_PAYLOAD });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, WEB_HOST.BIND_ADDRESS, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const policy = { token, port };

  const assets = new AssetCache();
  server.on('request', (req, res) => handleHttp(req, res, policy, options.staticDir, assets));
  server.on('upgrade', (req, socket, head) => {
    // Node drops its own error listener from upgrade sockets: a client reset would be uncaught.
    socket.on('error', () => socket.destroy());
    if (!hostAllowed(req, policy)) return refuseUpgrade(socket, 'unexpected Host header');
    const url = parseTarget(req.url);
    if (url === undefined) return refuseUpgrade(socket, 'the request target is not a valid URL', '400 Bad Request');
    if (url.pathname !== WEB_HOST.WS_PATH) return refuseUpgrade(socket, `no WebSocket at ${url.pathname}`);
    const verdict = checkUpgrade(req, policy, url);
    if (!verdict.ok) return refuseUpgrade(socket, verdict.reason);
    wss.handleUpgrade(req, socket, head, (ws) => serveWebSocketClient(ws, options.router));
  });

  return {
    port,
    token,
    url: `http://${WEB_HOST.BIND_ADDRESS}:${port}/?token=${token}`,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
