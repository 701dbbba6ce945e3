// A port for a spec to type as a forward's fixed local port, free when picked and still free when
// the forward binds it. The usual "listen on port 0, read the port, close" picks from the
// system's ephemeral range, which every automatic bind on the machine draws from: each other
// forward, web host, sandbox and port server started meanwhile (by this test, the other worker or
// another suite on the box) takes a port there, and one in about 7,000 takes the one just freed
// (measured on Linux: a listener's bind to port 0 takes a random odd port of the range's lower
// half). Then the forward fails on a port in use and its dialog stays open. A port below the
// ephemeral range is never given out by the system: only a program naming it can take it.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The lowest port picked: above the registered ports services commonly use (databases, dev servers). */
const FIXED_PORT_FLOOR = 20_000;
/** Where the ephemeral range starts when the system does not say (IANA's dynamic ports, macOS's default). */
const DEFAULT_EPHEMERAL_LOW = 49_152;
/** Ports tried before giving up (each taken one is passed over: another program named it). */
const ATTEMPTS = 50;

/** The first port of the system's ephemeral range (Linux says it in /proc). */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 0 ? low : DEFAULT_EPHEMERAL_LOW;
  } catch {
    return DEFAULT_EPHEMERAL_LOW;
  }
}

/** Whether 127.0.0.1:`port` can be listened on now (the listener is closed again at once). */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port on 127.0.0.1 below the ephemeral range, picked at random (parallel tests pick apart). */
export async function fixedLocalPort(): Promise<number> {
  const high = ephemeralLow();
  if (high <= FIXED_PORT_FLOOR) throw new Error(`The ephemeral port range starts at ${high}, below ${FIXED_PORT_FLOOR}: no port is safe from automatic binds.`);
  for (let i = 0; i < ATTEMPTS; i++) {
    const port = FIXED_PORT_FLOOR + Math.floor(Math.random() * (high - FIXED_PORT_FLOOR));
    if (await canListen(port)) return port;
  }
  throw new Error(`No free port below ${high} after ${ATTEMPTS} tries.`);
}
