// Tests that run compiled main/ code in a child process (the safety net, the atomic writer killed
// mid-write, the standalone sandbox runner) build the main project first.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** How long `tsc -b main` may take on a loaded 2-core machine: a generous bound, not a target. */
export const MAIN_BUILD_TIMEOUT_MS = 180_000;
/** The beforeAll bound around buildCompiledMain: the build's own bound and room to spare. */
export const MAIN_BUILD_HOOK_TIMEOUT_MS = 200_000;

/**
 * Builds `repo`'s main project, then checks that `compiled` (a file under dist/main) is there.
 * Type errors in other files do not block emit, so only a missing `compiled` fails.
 */
export function buildCompiledMain(repo: string, compiled: string): void {
  try {
    execFileSync(path.join(repo, 'node_modules', '.bin', 'tsc'), ['-b', path.join(repo, 'main')], { cwd: repo, stdio: 'ignore', timeout: MAIN_BUILD_TIMEOUT_MS });
  } catch {
    // Type errors elsewhere still emit; whether `compiled` is there is checked below.
  }
  if (!existsSync(compiled)) throw new Error(`${compiled} missing: run \`npm run build\``);
}
