// Timing a process from spawn to a line of its output (or to its exit), for the start-up bench.
// The process leads its own group, so npm's children (node, the sandbox's shells) go with it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, from dist/bench/sections. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Timed {
  /** From spawn to the first match of the pattern (or to exit when there is none). */
  readonly ms: number;
  /** From spawn to each further pattern, in order; absent if never seen. */
  readonly more: ReadonlyArray<number | undefined>;
  readonly output: string;
}

export const STARTUP_PROCESS = {
  /** Far above anything measured here (a loaded 2-core box has taken ~10 s to print the URL). */
  TIMEOUT_MS: 120_000,
} as const;

/**
 * Spawns `command`, times it to `until` (then to each of `then`), and stops its whole group.
 * With `until` null, times it to exit. Rejects on a timeout or an exit before the pattern.
 */
export function timeProcess(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; until: RegExp | null; then?: readonly RegExp[] }): Promise<Timed> {
  const t0 = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const then = options.then ?? [];
  const seen: Array<number | undefined> = then.map(() => undefined);
  let first: number | undefined;
  const stop = (): void => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  return new Promise<Timed>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${command} ${args.join(' ')}: nothing after ${STARTUP_PROCESS.TIMEOUT_MS} ms:\n${output.slice(-2000)}`));
    }, STARTUP_PROCESS.TIMEOUT_MS);
    const finish = (): void => {
      clearTimeout(timer);
      stop();
      resolve({ ms: first ?? performance.now() - t0, more: seen, output });
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const now = performance.now() - t0;
      if (options.until === null) return;
      if (first === undefined && options.until.test(output)) first = now;
      then.forEach((p, i) => {
        if (seen[i] === undefined && p.test(output)) seen[i] = now;
      });
      if (first !== undefined && seen.every((s) => s !== undefined)) finish();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('close', (code) => {
      if (options.until === null) {
        first = performance.now() - t0;
        if (code !== 0) {
          clearTimeout(timer);
          reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-2000)}`));
          return;
        }
        return finish();
      }
      if (first === undefined || seen.some((s) => s === undefined)) {
        clearTimeout(timer);
        reject(new Error(`${command} ${args.join(' ')} exited (${code}) before its output said what was awaited:\n${output.slice(-2000)}`));
      } else finish();
    });
  });
}
