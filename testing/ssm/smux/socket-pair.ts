// A real loopback TCP connection for the smux tests that run a session over sockets.
import { once } from 'node:events';
import net from 'node:net';

/**
 * A connected loopback socket pair: [the accepted side, the dialling side]. The call that
 * destroys both is pushed onto `cleanups`, which the test runs after each test.
 */
export async function socketPair(cleanups: Array<() => void>): Promise<[net.Socket, net.Socket]> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const accepted = once(server, 'connection') as Promise<[net.Socket]>;
  const dialled = net.connect(port, '127.0.0.1');
  const [serverSide] = await accepted;
  await once(dialled, 'connect');
  server.close();
  cleanups.push(() => {
    serverSide.destroy();
    dialled.destroy();
  });
  return [serverSide, dialled];
}
