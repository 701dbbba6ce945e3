// The seam where a host starts the local sandbox (emulated AWS). The sandbox engineer exports
// `startSandbox` from main/sandbox/index.ts; until then, or if it fails, Porthole runs without it.
// Default: on when no AWS credentials are found. PORTHOLE_SANDBOX=1 forces it on, =0 off.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SandboxHandle } from '../../main/ipc/host-env.js';

/** Environment variables that mean the AWS SDK will find credentials without a file. */
const CREDENTIAL_ENV = ['AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'];

export function awsCredentialsLikelyPresent(env: NodeJS.ProcessEnv): boolean {
  if (CREDENTIAL_ENV.some((name) => (env[name] ?? '') !== '')) return true;
  const home = homedir();
  const files = [env['AWS_SHARED_CREDENTIALS_FILE'] ?? join(home, '.aws', 'credentials'), env['AWS_CONFIG_FILE'] ?? join(home, '.aws', 'config')];
  return files.some((f) => existsSync(f));
}

export type SandboxDecision = { readonly start: boolean; readonly why: string };

export function decideSandbox(env: NodeJS.ProcessEnv): SandboxDecision {
  const forced = env['PORTHOLE_SANDBOX'];
  if (forced === '1') return { start: true, why: 'PORTHOLE_SANDBOX=1' };
  if (forced === '0') return { start: false, why: 'PORTHOLE_SANDBOX=0' };
  return awsCredentialsLikelyPresent(env) ? { start: false, why: 'AWS credentials found' } : { start: true, why: 'no AWS credentials found' };
}

function isSandboxHandle(value: unknown): value is SandboxHandle {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['endpoint'] === 'string' && typeof v['close'] === 'function';
}

/** Starts the sandbox when wanted and available; never fails the host because of it. */
export async function startSandboxIfWanted(env: NodeJS.ProcessEnv, dataDir: string, log: (line: string) => void): Promise<SandboxHandle | null> {
  const decision = decideSandbox(env);
  if (!decision.start) return null;
  const modulePath = '../../main/sandbox/index.js';
  const present = ['.js', '.ts'].some((ext) => existsSync(fileURLToPath(new URL(modulePath.replace(/\.js$/, ext), import.meta.url))));
  if (!present) {
    log(`porthole: sandbox wanted (${decision.why}) but this build has no sandbox yet; running without it.`);
    return null;
  }
  let mod: { startSandbox?: unknown };
  try {
    mod = (await import(/* @vite-ignore */ modulePath)) as { startSandbox?: unknown };
  } catch (err) {
    log(`porthole: the sandbox module failed to load: ${err instanceof Error ? err.message : String(err)}; running without it.`);
    return null;
  }
  if (typeof mod.startSandbox !== 'function') {
    log('porthole: main/sandbox/index does not export startSandbox(); running without the sandbox.');
    return null;
  }
  try {
    const handle: unknown = await (mod.startSandbox as (opts: { dataDir: string }) => unknown)({ dataDir });
    if (!isSandboxHandle(handle)) {
      log('porthole: startSandbox() did not return { endpoint, close() }; running without the sandbox.');
      return null;
    }
    log(`porthole: sandbox running at ${handle.endpoint} (${decision.why}).`);
    return handle;
  } catch (err) {
    log(`porthole: the sandbox failed to start: ${err instanceof Error ? err.message : String(err)}; running without it.`);
    return null;
  }
}
