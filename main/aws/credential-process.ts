/**
 * Runs a profile's credential_process ourselves instead of through the SDK's fromProcess, which
 * gives the command an open stdin pipe it never closes and no time limit: a helper that waits on
 * input never ended, and every refresh left one more of them running. Here the command gets no
 * stdin (a read sees end of input at once), and one still running at the deadline is ended with
 * everything it started. Its output is the documented JSON (Version 1, AccessKeyId,
 * SecretAccessKey, SessionToken, Expiration); errors never quote what it printed on stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { parseKnownFiles } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { spanWords } from './credential-deadline.js';
import { AwsError } from './errors.js';
import type { SharedFiles } from './profiles.js';

export const CREDENTIAL_PROCESS = {
  /** Output beyond this is not credentials (the JSON is a few hundred bytes); the SDK's exec stopped at 1 MiB too. */
  MAX_OUTPUT_BYTES: 1024 * 1024,
  /** Characters of the command's stderr kept for the details: its last words, not a log. */
  STDERR_TAIL_CHARS: 500,
  /** Time a command ended with SIGTERM at the deadline gets to clean up before SIGKILL. */
  KILL_GRACE_MS: 2_000,
} as const;

/** Ends the command and whatever it started (its own process group off Windows). */
function endAll(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function fail(profile: string, sentence: string, nextStep: string, detail?: string): AwsError {
  return new AwsError({ code: 'credential-process-failed', sentence, nextStep, context: { profile }, ...(detail ? { detail } : {}) });
}

const RUN_IT = 'Run the command from the profile in a terminal to see its error; it must print Version 1 JSON with unexpired keys.';

/** The credentials in the command's output, or a plain error that never quotes the output. */
export function parseProcessOutput(profile: string, stdout: string, now: Date = new Date()): AwsCredentialIdentity {
  let data: unknown;
  try {
    data = JSON.parse(stdout.trim());
  } catch {
    throw fail(profile, `The credential_process of profile "${profile}" did not print JSON.`, RUN_IT);
  }
  const o = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (o.Version !== 1) throw fail(profile, `The credential_process of profile "${profile}" printed JSON without "Version": 1.`, RUN_IT);
  const str = (k: string): string | undefined => (typeof o[k] === 'string' && o[k] !== '' ? o[k] : undefined);
  const accessKeyId = str('AccessKeyId');
  const secretAccessKey = str('SecretAccessKey');
  if (!accessKeyId || !secretAccessKey) throw fail(profile, `The credential_process of profile "${profile}" printed no AccessKeyId and SecretAccessKey.`, RUN_IT);
  const sessionToken = str('SessionToken');
  const expirationText = str('Expiration');
  const expiration = expirationText !== undefined ? new Date(expirationText) : undefined;
  if (expiration !== undefined && Number.isNaN(expiration.getTime())) throw fail(profile, `The credential_process of profile "${profile}" printed an Expiration that is not a date.`, RUN_IT);
  if (expiration !== undefined && expiration.getTime() <= now.getTime()) throw fail(profile, `The credential_process of profile "${profile}" printed credentials that have already expired.`, RUN_IT);
  const accountId = str('AccountId');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), ...(expiration ? { expiration } : {}), ...(accountId ? { accountId } : {}) };
}

/** Runs `command` through the shell with no stdin; ends it (and its children) after `deadlineMs`. */
export function runCredentialProcess(profile: string, command: string, deadlineMs: number): Promise<AwsCredentialIdentity> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32', windowsHide: true });
    let out = '';
    let err = '';
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      f();
    };
    const stopIt = (): void => {
      endAll(child, 'SIGTERM');
      killTimer = setTimeout(() => endAll(child, 'SIGKILL'), CREDENTIAL_PROCESS.KILL_GRACE_MS);
      killTimer.unref();
    };
    const deadline = setTimeout(() => {
      stopIt();
      settle(() => reject(fail(profile,
        `Getting the credentials of profile "${profile}" did not finish within ${spanWords(deadlineMs)}: its credential_process was still running and has been stopped.`,
        'Run the command from the profile in a terminal: it may be waiting for input Porthole cannot give (a prompt or a sign-in). Then refresh the profile.')));
    }, deadlineMs);
    deadline.unref();
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.length > CREDENTIAL_PROCESS.MAX_OUTPUT_BYTES) {
        stopIt();
        settle(() => reject(fail(profile, `The credential_process of profile "${profile}" printed more than credentials (over ${CREDENTIAL_PROCESS.MAX_OUTPUT_BYTES} bytes).`, RUN_IT)));
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      err = (err + chunk).slice(-CREDENTIAL_PROCESS.STDERR_TAIL_CHARS);
    });
    child.on('error', (e) => settle(() => reject(fail(profile, `The credential_process of profile "${profile}" could not be started.`, 'Check the credential_process line of the profile in ~/.aws/config.', e.message))));
    child.on('close', (code, signal) => {
      clearTimeout(killTimer);
      settle(() => {
        if (code !== 0) {
          const how = signal ? `was ended by ${signal}` : `exited with code ${String(code)}`;
          reject(fail(profile, `The credential_process of profile "${profile}" failed: it ${how}.`, RUN_IT, err.trim() || undefined));
          return;
        }
        try {
          resolve(parseProcessOutput(profile, out));
        } catch (e) {
          reject(e);
        }
      });
    });
  });
}

/** The provider for a credential_process profile: reads the command from the files on each resolution. */
export function fromCredentialProcess(profile: string, files: SharedFiles, deadlineMs: number): AwsCredentialIdentityProvider {
  return async () => {
    const profiles = await parseKnownFiles({ profile, filepath: files.credentialsFile, configFilepath: files.configFile, ignoreCache: true });
    const command = profiles[profile]?.credential_process;
    if (typeof command !== 'string' || command.trim() === '') {
      throw new AwsError({ code: 'config-invalid', sentence: `Profile "${profile}" has no credential_process in the AWS config files.`, nextStep: `Check profile "${profile}" in ~/.aws/config.`, context: { profile } });
    }
    return runCredentialProcess(profile, command, deadlineMs);
  };
}

/** True when `profile` or a profile its source_profile chain leads to runs a credential_process. */
export async function chainRunsProcess(profile: string, files: SharedFiles): Promise<boolean> {
  const profiles = await parseKnownFiles({ profile, filepath: files.credentialsFile, configFilepath: files.configFile, ignoreCache: true });
  const seen = new Set<string>();
  for (let name: string | undefined = profile; name !== undefined && !seen.has(name); name = profiles[name]?.source_profile) {
    seen.add(name);
    if (profiles[name]?.credential_process) return true;
  }
  return false;
}
