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
import { processLimitMs, raiseLimitWords } from './credential-process-limit.js';
import { AwsError } from './errors.js';
import type { HelperRuns } from './helper-runs.js';
import type { SharedFiles } from './profiles.js';

export const CREDENTIAL_PROCESS = {
  /** Output beyond this is not credentials (the JSON is a few hundred bytes); the SDK's exec stopped at 1 MiB too. */
  MAX_OUTPUT_BYTES: 1024 * 1024,
  /** Characters of the command's stderr kept for the details: its last words, not a log. */
  STDERR_TAIL_CHARS: 500,
  /** Time a command ended with SIGTERM at the deadline gets to clean up before SIGKILL. */
  KILL_GRACE_MS: 2_000,
} as const;

/**
 * Ends the command and whatever it started (its own process group off Windows). The group is
 * signalled even once the shell itself has exited: a child that ignored SIGTERM is still in it and
 * must get the SIGKILL that follows (an empty group answers ESRCH, which is ignored).
 */
function endAll(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform !== 'win32') process.kill(-child.pid, signal);
    else if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  } catch {
    // Already gone.
  }
}

function fail(profile: string, sentence: string, nextStep: string, detail?: string): AwsError {
  return new AwsError({ code: 'credential-process-failed', sentence, nextStep, context: { profile }, ...(detail ? { detail } : {}) });
}

const RUN_IT = 'Run the command from the profile in a terminal to see its error; it must print Version 1 JSON with unexpired keys.';

/** `profile "proc"`, or `profile "proc" (the source profile of "admin")`. */
function whose(run: Pick<ProcessRun, 'profile' | 'sourceOf'>): string {
  return run.sourceOf && run.sourceOf !== run.profile ? `profile "${run.profile}" (the source profile of "${run.sourceOf}")` : `profile "${run.profile}"`;
}

/** The credentials in the command's output, or a plain error that never quotes the output. */
export function parseProcessOutput(profile: string, stdout: string, now: Date = new Date(), sourceOf?: string): AwsCredentialIdentity {
  const who = whose({ profile, sourceOf });
  const bad = (what: string): AwsError => fail(sourceOf ?? profile, `The credential_process of ${who} ${what}`, RUN_IT);
  let data: unknown;
  try {
    data = JSON.parse(stdout.trim());
  } catch {
    throw bad('did not print JSON.');
  }
  const o = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (o.Version !== 1) throw bad('printed JSON without "Version": 1.');
  const str = (k: string): string | undefined => (typeof o[k] === 'string' && o[k] !== '' ? o[k] : undefined);
  const accessKeyId = str('AccessKeyId');
  const secretAccessKey = str('SecretAccessKey');
  if (!accessKeyId || !secretAccessKey) throw bad('printed no AccessKeyId and SecretAccessKey.');
  const sessionToken = str('SessionToken');
  const expirationText = str('Expiration');
  const expiration = expirationText !== undefined ? new Date(expirationText) : undefined;
  if (expiration !== undefined && Number.isNaN(expiration.getTime())) throw bad('printed an Expiration that is not a date.');
  if (expiration !== undefined && expiration.getTime() <= now.getTime()) throw bad('printed credentials that have already expired.');
  const accountId = str('AccountId');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), ...(expiration ? { expiration } : {}), ...(accountId ? { accountId } : {}) };
}

/** One run of a credential_process: whose command it is and how long it may take. */
export interface ProcessRun {
  /** The profile whose credential_process this is. */
  readonly profile: string;
  readonly command: string;
  readonly deadlineMs: number;
  /** The profile being opened when this one is its source (directly or down a role chain); errors name both. */
  readonly sourceOf?: string;
  /** What to tell the person on the deadline: how to give this command longer. */
  readonly raiseLimit?: string;
  /** Aborted when the profile is closed (or the app quits): the command is stopped and the run fails as cancelled. */
  readonly signal?: AbortSignal;
}

/** Runs the command through the shell with no stdin; ends it (and its children) after `deadlineMs` or on `signal`. */
export function runCredentialProcess(run: ProcessRun): Promise<AwsCredentialIdentity> {
  const { profile, command, deadlineMs, signal } = run;
  // Errors belong to the profile being opened (the node the person clicked); the words name both.
  const owner = run.sourceOf ?? profile;
  const who = whose(run);
  const failed = (sentence: string, nextStep: string, detail?: string): AwsError => fail(owner, sentence, nextStep, detail);
  const cancelled = (): AwsError => failed(`The credential_process of ${who} was cancelled: the profile was closed before it answered.`, 'Open the profile again to run it again.');
  if (signal?.aborted) return Promise.reject(cancelled());
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
      signal?.removeEventListener('abort', onAbort);
      f();
    };
    const stopIt = (): void => {
      endAll(child, 'SIGTERM');
      // Kept referenced: a Porthole quitting while a helper is being stopped waits out the grace
      // (at most KILL_GRACE_MS) so that whatever ignored SIGTERM still gets the SIGKILL.
      killTimer ??= setTimeout(() => endAll(child, 'SIGKILL'), CREDENTIAL_PROCESS.KILL_GRACE_MS);
    };
    const deadline = setTimeout(() => {
      stopIt();
      const subject = run.sourceOf && run.sourceOf !== profile ? `Getting the credentials of profile "${run.sourceOf}" did not finish: the credential_process of its source profile "${profile}" was still running after ${spanWords(deadlineMs)}` : `Getting the credentials of profile "${profile}" did not finish within ${spanWords(deadlineMs)}: its credential_process was still running`;
      settle(() => reject(failed(
        `${subject} and has been stopped.`,
        `Run the command from profile "${profile}" in a terminal: it may be waiting for input Porthole cannot give. ${run.raiseLimit ?? 'Then refresh the profile.'}`)));
    }, deadlineMs);
    deadline.unref();
    const onAbort = (): void => {
      stopIt();
      settle(() => reject(cancelled()));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.length > CREDENTIAL_PROCESS.MAX_OUTPUT_BYTES) {
        stopIt();
        settle(() => reject(failed(`The credential_process of ${who} printed more than credentials (over ${CREDENTIAL_PROCESS.MAX_OUTPUT_BYTES} bytes).`, RUN_IT)));
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      err = (err + chunk).slice(-CREDENTIAL_PROCESS.STDERR_TAIL_CHARS);
    });
    child.on('error', (e) => settle(() => reject(failed(`The credential_process of ${who} could not be started.`, `Check the credential_process line of profile "${profile}" in ~/.aws/config.`, e.message))));
    child.on('close', (code, signal) => {
      // Once stopping, the SIGKILL still goes: the shell closing its pipes says nothing of its children.
      settle(() => {
        if (code !== 0) {
          const how = signal ? `was ended by ${signal}` : `exited with code ${String(code)}`;
          reject(failed(`The credential_process of ${who} failed: it ${how}.`, RUN_IT, err.trim() || undefined));
          return;
        }
        try {
          resolve(parseProcessOutput(profile, out, new Date(), run.sourceOf));
        } catch (e) {
          reject(e);
        }
      });
    });
  });
}

/** A credential_process starting (`running`) or ending, for the profile being opened. */
export interface HelperRun {
  /** The profile being opened. */
  readonly profile: string;
  /** The profile whose credential_process runs (the same, or its source down a role chain). */
  readonly source: string;
  readonly deadlineMs: number;
  readonly running: boolean;
}

/** What a node waiting on a helper says, so a sign-in in the browser does not look like a hung tree. */
export function helperWaitWords(run: HelperRun): string {
  const whose = run.source === run.profile ? `profile "${run.profile}"` : `profile "${run.source}" (the source of "${run.profile}")`;
  return `Waiting for the credential_process of ${whose}: finish any sign-in or key touch it asks for. It is stopped after ${spanWords(run.deadlineMs)}.`;
}

export interface ProfileProcessOptions {
  /** The limit when the profile sets none (PROCESS_LIMIT.DEFAULT_MS; tests use a short one). */
  readonly defaultMs: number;
  /** The profile being opened, when `profile` is its source. */
  readonly sourceOf?: string;
  /** Told when the command starts and ends: the UI shows the profile waiting on it. */
  readonly onHelper?: (run: HelperRun) => void;
  /** Runs around the command (credentials.ts stops its own clock meanwhile: the command has this one). */
  readonly hold?: <T>(work: () => Promise<T>) => Promise<T>;
  /** The open profile's runs: a run of the same command still in flight is joined, and closing the profile stops it. */
  readonly runs?: HelperRuns;
}

/** Runs the credential_process of `profile` (its section as parsed from the files) under the profile's limit. */
export async function runProfileProcess(profile: string, section: Readonly<Record<string, string | undefined>> | undefined, opts: ProfileProcessOptions): Promise<AwsCredentialIdentity> {
  const owner = opts.sourceOf ?? profile;
  const command = section?.credential_process;
  if (typeof command !== 'string' || command.trim() === '') {
    throw new AwsError({ code: 'config-invalid', sentence: `Profile "${profile}" has no credential_process in the AWS config files.`, nextStep: `Check profile "${profile}" in ~/.aws/config.`, context: { profile: owner } });
  }
  const deadlineMs = processLimitMs(profile, section, opts.defaultMs);
  const start = (): Promise<AwsCredentialIdentity> => {
    opts.onHelper?.({ profile: owner, source: profile, deadlineMs, running: true });
    return runCredentialProcess({ profile, command, deadlineMs, raiseLimit: raiseLimitWords(profile, deadlineMs), ...(opts.sourceOf ? { sourceOf: opts.sourceOf } : {}), ...(opts.runs ? { signal: opts.runs.signal } : {}) })
      .finally(() => opts.onHelper?.({ profile: owner, source: profile, deadlineMs, running: false }));
  };
  const runs = opts.runs;
  const run = runs ? () => runs.run(JSON.stringify([owner, profile, command, deadlineMs]), start) : start;
  return opts.hold ? opts.hold(run) : run();
}

/** The provider for a credential_process profile: reads the command (and its limit) from the files on each resolution. */
export function fromCredentialProcess(profile: string, files: SharedFiles, opts: ProfileProcessOptions): AwsCredentialIdentityProvider {
  return async () => {
    const profiles = await parseKnownFiles({ profile, filepath: files.credentialsFile, configFilepath: files.configFile, ignoreCache: true });
    return runProfileProcess(profile, profiles[profile], opts);
  };
}
