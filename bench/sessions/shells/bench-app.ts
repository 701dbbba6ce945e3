// The app a shell benchmark drives. Compiled (npm run bench), the sandbox runs as its own
// process (dist/main/sandbox/standalone.js) so the event-loop figures are main's alone; from
// TypeScript sources (vitest) it runs in-process, and the result says so.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startSandboxApp } from '../../../testing/composition/sandbox-app.js';
import { startPorthole, type PortholeApp } from '../../../main/composition/porthole.js';

export interface BenchApp {
  readonly app: PortholeApp;
  /** True when the sandbox shares the process (its work then shows in the lag figures too). */
  readonly sandboxInProcess: boolean;
  stop(): Promise<void>;
}

/** The standalone sandbox prints its endpoint within a second; ten is plenty on a loaded machine. */
const SANDBOX_START_TIMEOUT_MS = 10_000;

const STANDALONE = fileURLToPath(new URL('../../../main/sandbox/standalone.js', import.meta.url));

interface StandaloneInfo {
  readonly configFile: string;
  readonly credentialsFile: string;
}

function firstLine(child: ChildProcess): Promise<StandaloneInfo> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the standalone sandbox did not start in time')), SANDBOX_START_TIMEOUT_MS);
    if (child.stdout === null) return reject(new Error('the standalone sandbox has no stdout'));
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      child.stdout?.resume(); // keep draining what people would read
      try {
        resolve(JSON.parse(line) as StandaloneInfo);
      } catch (err) {
        reject(new Error(`the standalone sandbox printed no JSON first line: ${String(err)}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`the standalone sandbox exited with ${code}`)));
  });
}

export async function startBenchApp(): Promise<BenchApp> {
  if (!existsSync(STANDALONE)) {
    const t = await startSandboxApp();
    return { app: t.app, sandboxInProcess: true, stop: () => t.stop() };
  }
  const child = spawn(process.execPath, [STANDALONE, '--pacing', 'unpaced'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const dataDir = await mkdtemp(join(tmpdir(), 'porthole-bench-'));
  try {
    const info = await firstLine(child);
    const app = await startPorthole({
      host: 'web',
      version: '0.0.0-bench',
      dataDir,
      env: { PORTHOLE_SANDBOX: '0', HOME: process.env['HOME'], AWS_CONFIG_FILE: info.configFile, AWS_SHARED_CREDENTIALS_FILE: info.credentialsFile },
      log: () => undefined,
    });
    return {
      app,
      sandboxInProcess: false,
      async stop() {
        await app.close();
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}
