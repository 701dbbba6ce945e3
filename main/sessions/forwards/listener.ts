/** Binds a forward's local TCP listener, turning bind failures into plain-language errors. */
import net from 'node:net';
import { ForwardError } from './errors.js';

/** What happens to an error after the bind (an accept failure such as EMFILE): reported, never thrown. */
export type AcceptErrorHandler = (error: NodeJS.ErrnoException) => void;

function logAcceptError(error: NodeJS.ErrnoException): void {
  console.error(`porthole: a forward listener could not accept a connection (${error.code ?? error.message}); it keeps listening.`);
}

export async function bindListener(
  address: string,
  port: number,
  onConnection: (socket: net.Socket) => void,
  onAcceptError: AcceptErrorHandler = logAcceptError,
): Promise<net.Server> {
  const server = net.createServer({ pauseOnConnect: true }, onConnection);
  await new Promise<void>((resolve, reject) => {
    const onBindError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE') {
        reject(new ForwardError('port-in-use', `Local port ${port} on ${address} is already in use.`));
      } else if (error.code === 'EADDRNOTAVAIL') {
        reject(new ForwardError('bind-failed', `Cannot listen on ${address}: that address does not belong to this computer.`));
      } else if (error.code === 'EACCES') {
        reject(new ForwardError('bind-failed', `Not allowed to listen on ${address}:${port} (ports below 1024 need administrator rights).`));
      } else {
        reject(new ForwardError('bind-failed', `Cannot listen on ${address}:${port}: ${error.message}`));
      }
    };
    server.once('error', onBindError);
    server.listen({ host: address, port, exclusive: true }, () => {
      server.off('error', onBindError);
      resolve();
    });
  });
  // Permanent: later errors (accept failures) must be heard, or they would crash the app.
  server.on('error', onAcceptError);
  return server;
}

/** Closes the listener and resolves once the port is free again. */
export function closeListener(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
