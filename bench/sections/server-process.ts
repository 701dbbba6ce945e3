// The client side's handling of a baseline server run in its own process (raw-output-server.ts,
// relay-echo-server.ts): the port it prints as its first line, and stopping it.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** The server prints its port within a second; ten is plenty on a loaded machine. */
const START_TIMEOUT_MS = 10_000;
/** A server that ignores SIGTERM this long is killed outright, so a bench run never hangs on it. */
const STOP_TIMEOUT_MS = 5_000;

/** The port `child` prints as its first line (`{"port": N}`); `what` names the server in errors. */
export function firstLinePort(child: ChildProcess, what: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the ${what} did not start in time`)), START_TIMEOUT_MS);
    if (!child.stdout) return reject(new Error(`the ${what} has no stdout`));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch (error) {
        reject(new Error(`the ${what} printed no JSON first line: ${String(error)}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`the ${what} exited with ${code}`)));
  });
}

/** Stops `child` (SIGTERM, then SIGKILL after STOP_TIMEOUT_MS) and waits for it to exit. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
