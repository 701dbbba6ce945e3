// An endpoint that takes the connection, reads the request and never writes a byte back (a stuck
// proxy, a VPC endpoint whose security group drops the reply), on 127.0.0.1:0.
import { createServer, type Socket } from 'node:net';

export interface SilentServer {
  readonly url: string;
  /** Connections accepted so far. */
  connections(): number;
  /** Resolves once `count` connections in all have been accepted. */
  connected(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const waiters: Array<() => void> = [];
  const server = createServer((s) => {
    accepted += 1;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
    s.resume();
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    async connected(count) {
      while (accepted < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
