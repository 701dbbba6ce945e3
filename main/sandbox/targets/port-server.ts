/**
 * One real loopback server standing in for a port a container, instance or remote host listens
 * on: `http` answers with text naming the target (plus a large-payload and an echo endpoint) so a
 * forward can prove which target it reached; `echo` returns every byte it receives.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';

export const PORT_SERVER = {
  /** `/large` without `?bytes=`: big enough to exercise flow control through a forward. */
  largeDefaultBytes: 8 * 1024 * 1024,
  /** Upper bound for `/large?bytes=N`, so a typo cannot make a target stream forever. */
  largeMaxBytes: 1024 * 1024 * 1024,
  /** Chunk written per write() while streaming `/large` (respects backpressure between chunks). */
  largeChunkBytes: 64 * 1024,
} as const;

export type PortServerKind = 'http' | 'echo';

export interface RunningPortServer {
  readonly kind: PortServerKind;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The `/large` pattern's period: a prime, so chunk boundaries never align with it. */
const PATTERN_PERIOD = 251;

/** Deterministic payload: byte i is i mod PATTERN_PERIOD. */
export function largePayloadByte(i: number): number {
  return i % PATTERN_PERIOD;
}

/**
 * The payload pattern once, one period longer than a chunk, so every chunk is one slice of it:
 * building each byte in a loop cost the sandbox ~1.8 ms of CPU per MB (measured on the bench
 * machine), charged to the forward in the bench's sandbox CPU figures.
 */
const PATTERN = Buffer.from(Array.from({ length: PORT_SERVER.largeChunkBytes + PATTERN_PERIOD }, (_, i) => largePayloadByte(i)));

function streamLarge(res: ServerResponse, total: number): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(total) });
  let sent = 0;
  const pump = (): void => {
    while (sent < total) {
      const n = Math.min(PORT_SERVER.largeChunkBytes, total - sent);
      const from = sent % PATTERN_PERIOD;
      // A view: PATTERN never changes, so the socket may hold it after write() returns.
      const chunk = PATTERN.subarray(from, from + n);
      sent += n;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  pump();
}

function httpHandler(label: string, port: number) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://target');
    if (url.pathname === '/large') {
      const asked = Number(url.searchParams.get('bytes') ?? PORT_SERVER.largeDefaultBytes);
      const total = Number.isInteger(asked) && asked >= 0 ? Math.min(asked, PORT_SERVER.largeMaxBytes) : PORT_SERVER.largeDefaultBytes;
      streamLarge(res, total);
    } else if (url.pathname === '/echo') {
      res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/octet-stream' });
      req.pipe(res);
    } else if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`hello from ${label} port ${port}\n`);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`not found on ${label} port ${port}: ${url.pathname}\n`);
    }
  };
}

/** Starts a server on 127.0.0.1, ephemeral port; `label`/`port` are what it claims to be. */
export async function startPortServer(kind: PortServerKind, label: string, port: number): Promise<RunningPortServer> {
  const server: Server =
    kind === 'http'
      ? createHttpServer(httpHandler(label, port))
      : createTcpServer((socket) => {
          socket.on('error', () => socket.destroy());
          socket.pipe(socket);
        });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    kind,
    host: '127.0.0.1',
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
