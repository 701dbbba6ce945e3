/** Binds a forward's local TCP listener, turning bind failures into plain-language errors. */
import net from 'node:net';
import { localBindText, PRIVILEGED_PORT_BELOW, type LocalBindProblem } from '../../../shared/messages/forwards.js';
import { ForwardError } from './errors.js';

/** What happens to an error after the bind (an accept failure such as EMFILE): reported, never thrown. */
export type AcceptErrorHandler = (error: NodeJS.ErrnoException) => void;

function logAcceptError(error: NodeJS.ErrnoException): void {
  console.error(`porthole: a forward listener could not accept a connection (${error.code ?? error.message}); it keeps listening.`);
}

/** What a failed bind was about, from the system's error code (EACCES: the port's range decides why). */
export function bindProblem(code: string | undefined, port: number): LocalBindProblem {
  if (code === 'EADDRINUSE') return 'port-in-use';
  if (code === 'EADDRNOTAVAIL') return 'address-not-local';
  if (code === 'EACCES') return port > 0 && port < PRIVILEGED_PORT_BELOW ? 'port-privileged' : 'port-forbidden';
  return 'bind-failed';
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
      const problem = bindProblem(error.code, port);
      reject(new ForwardError(problem, localBindText(problem, address, port, error.message)));
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

/**
 * Whether `port` on `address` can be listened on now: binds it and lets it go at once, throwing
 * the bind's ForwardError (its plain words) when it cannot. Lets a change of port be refused
 * before a running forward gives up the port it has.
 */
export async function probeListen(address: string, port: number): Promise<void> {
  const server = await bindListener(address, port, (socket) => socket.destroy());
  await closeListener(server);
}
