/**
 * A credential_process stuck on a sign-in, for tests of the limit that ends it and what it started.
 * A real shell under a loaded machine may not have started (or started its child) by the time a
 * short limit passes, so a test that lets the real clock fire the limit sometimes has nothing to
 * observe. The test fakes setTimeout instead, waits here (on the real clock) until the helper's
 * own pid file names it and its child, and only then moves the fake clock past the limit.
 */
import { readFileSync } from 'node:fs';

// Taken at import, before a test fakes the timers: the polling below runs on real time.
const realSetTimeout = globalThis.setTimeout;

/** How often the pid file is looked at: its writes come from a shell, not an event we can await. */
const POLL_MS = 20;
/** Past this the helper did not start at all (a broken shell), not merely late under load. */
const START_LIMIT_MS = 60_000;

/** The script: writes its pid, starts a child, appends the child's pid, then waits on it. */
export function stuckHelperBody(pidFile: string): string {
  return `echo $$ > ${pidFile}\nsleep 600 &\necho $! >> ${pidFile}\nwait`;
}

/** The helper's pid and its child's, once both are written; null before that. */
function readPids(pidFile: string): [number, number] | null {
  let text: string;
  try {
    text = readFileSync(pidFile, 'utf8');
  } catch {
    return null;
  }
  // Each line is one echo; a line without its newline may still be being written.
  const lines = text.split('\n').slice(0, -1).map(Number);
  const [helper, child] = lines;
  return lines.length >= 2 && helper !== undefined && child !== undefined && helper > 0 && child > 0 ? [helper, child] : null;
}

/** Resolves with [helper, child] once the stuck helper and its child are both running. */
export async function stuckHelperRunning(pidFile: string): Promise<[number, number]> {
  for (let waited = 0; waited < START_LIMIT_MS; waited += POLL_MS) {
    const pids = readPids(pidFile);
    if (pids) return pids;
    await new Promise((resolve) => realSetTimeout(resolve, POLL_MS));
  }
  throw new Error(`the stuck credential_process never wrote both pids to ${pidFile}`);
}

/** Whether the process is still running. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once none of the processes is running (polled on real time; the test's own timeout bounds it). */
export async function allEnded(pids: readonly number[]): Promise<void> {
  while (pids.some(processAlive)) await new Promise((resolve) => realSetTimeout(resolve, POLL_MS));
}
