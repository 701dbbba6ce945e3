// Starts the built web host (dist/app/web/main.js) with the sandbox, a throwaway data directory
// and no AWS credentials, with the event-loop probe loaded into it, for the UI bench.
import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAG_PROBE, type LagProbeReport, type LagProbeRequest } from './ui-lag-probe.js';

export const UI_HOST = {
  /** Starting the host and its sandbox has taken over 30 s on a loaded 2-core machine. */
  START_TIMEOUT_MS: 60_000,
  /** The probe answers at once unless the host's loop is stalled for this long. */
  PROBE_TIMEOUT_MS: 30_000,
  /** Host output kept for error messages; the pipe is drained for the whole run so the host never blocks on it. */
  OUTPUT_KEEP_CHARS: 64 * 1024,
} as const;

/** Printed by app/web/main.ts once it listens. */
const URL_PATTERN = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/;

/** From dist/bench/sections: the web host serving the test build of the renderer (it has the read hook the bench drives), and the probe. */
const HOST_MAIN = fileURLToPath(new URL('../../testing/web/test-host.js', import.meta.url));
const PROBE = fileURLToPath(new URL('./ui-lag-probe.js', import.meta.url));
const RENDERER_INDEX = fileURLToPath(new URL('../../testing/renderer/index.html', import.meta.url));

export class UiHostError extends Error {
  override readonly name = 'UiHostError';
}

export interface UiHost {
  /** The URL to open, token included. */
  readonly url: string;
  /** Clears the host's event-loop histogram. */
  resetLag(): void;
  /** The host's event-loop delay since the last reset. */
  lag(): Promise<LagProbeReport>;
  stop(): Promise<void>;
}

function isReport(msg: unknown): msg is LagProbeReport {
  return typeof msg === 'object' && msg !== null && 'kind' in msg && msg.kind === 'lag';
}

/** `pacing`: the sandbox agent's (default faithful, as `npm run web` runs it). */
export async function startUiHost(pacing: 'faithful' | 'unpaced' = 'faithful'): Promise<UiHost> {
  await access(RENDERER_INDEX).catch(() => {
    throw new UiHostError(`the renderer is not built (${RENDERER_INDEX} missing): run npm run build`);
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'porthole-bench-ui-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', PROBE, HOST_MAIN, '--port', '0', '--pacing', pacing], {
    env: {
      ...process.env,
      PORTHOLE_DATA_DIR: dataDir,
      PORTHOLE_SANDBOX: '1',
      [LAG_PROBE.ENABLE_ENV]: '1',
      // Hermetic: never pick up the machine's real AWS profiles.
      AWS_CONFIG_FILE: join(dataDir, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dataDir, 'no-aws-credentials'),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new UiHostError(`the web host did not print its URL within ${UI_HOST.START_TIMEOUT_MS} ms:\n${output}`)), UI_HOST.START_TIMEOUT_MS);
      const onData = (chunk: Buffer): void => {
        output = (output + chunk.toString()).slice(-UI_HOST.OUTPUT_KEEP_CHARS);
        const m = URL_PATTERN.exec(output);
        if (m?.[1] === undefined) return;
        clearTimeout(timer);
        resolve(m[1]);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new UiHostError(`the web host exited with ${code} before listening:\n${output}`));
      });
    });
    const request = (msg: LagProbeRequest): void => {
      child.send(msg);
    };
    const lag = (): Promise<LagProbeReport> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new UiHostError(`the host's event-loop probe did not answer within ${UI_HOST.PROBE_TIMEOUT_MS} ms`)), UI_HOST.PROBE_TIMEOUT_MS);
        const onMessage = (msg: unknown): void => {
          if (!isReport(msg)) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(msg);
        };
        child.on('message', onMessage);
        request({ kind: 'report' });
      });
    return { url, resetLag: () => request({ kind: 'reset' }), lag, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
