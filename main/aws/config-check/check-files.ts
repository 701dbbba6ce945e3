/**
 * Checks the shared config and credentials files the app reads profiles from (the same paths as
 * profiles.ts: AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/…): a file that cannot
 * be read, and every line that makes a profile or a setting disappear. Never throws: whatever
 * goes wrong becomes a finding, and the profiles that can be read keep working.
 */
import { readFile } from 'node:fs/promises';
import { MAX_CONFIG_FINDINGS, type ConfigFinding } from '../../../shared/contract/inventory.js';
import { sharedFilePaths, type Env } from '../profiles.js';
import { envSetting, homeDir } from '../sdk-env.js';
import { configFindings, type CheckedFile } from './findings.js';
import { readIniFacts, type SharedFileKind } from './ini-facts.js';

/** Reads a file as text; a test gives its own to see errors root cannot cause (EACCES). */
export type ReadText = (path: string) => Promise<string>;

const readText: ReadText = (path) => readFile(path, 'utf8');

/** The variable that names each file. */
const ENV_NAME: Readonly<Record<SharedFileKind, string>> = { config: 'AWS_CONFIG_FILE', credentials: 'AWS_SHARED_CREDENTIALS_FILE' };

function errnoOf(err: unknown): string | null {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : null;
}

/** The path as the person knows it: under HOME as `~/…`. */
function shownPath(path: string, home: string): string {
  return home !== '' && path.startsWith(`${home}/`) ? `~/${path.slice(home.length + 1)}` : path;
}

/**
 * Why a file could not be read, in the finding's words; null when it does not exist, which is
 * normal (many people have only one of the two files, and the tests' hosts name files that are not there).
 */
function unreadable(kind: SharedFileKind, shown: string, err: unknown, named: boolean): ConfigFinding | null {
  const code = errnoOf(err);
  const none = `no profile from the ${kind} file is listed`;
  if (code === 'ENOENT') return null;
  if (code === 'EISDIR') return { file: shown, line: null, profile: null, problem: 'this is a folder, not a file', effect: none, fix: `Move the folder away and put the ${kind} file at this path${named ? `, or point ${ENV_NAME[kind]} at the file` : ''}.` };
  if (code === 'EACCES' || code === 'EPERM') return { file: shown, line: null, profile: null, problem: 'the file cannot be read (permission denied)', effect: none, fix: `Make it yours and readable: chown "$USER" ${shown} && chmod 600 ${shown}.` };
  const what = err instanceof Error ? err.message : String(err);
  return { file: shown, line: null, profile: null, problem: `the file cannot be read (${code ?? what})`, effect: none, fix: 'Check that the path is a readable file.' };
}

/** A finding that stands for the ones past the limit, so the notice says that there are more. */
function capped(findings: ConfigFinding[]): ConfigFinding[] {
  if (findings.length <= MAX_CONFIG_FINDINGS) return findings;
  const kept = findings.slice(0, MAX_CONFIG_FINDINGS - 1);
  const rest = findings.length - kept.length;
  const last = findings[findings.length - 1];
  return [...kept, { file: last?.file ?? 'the AWS files', line: null, profile: null, problem: `${rest} more problems are not shown`, effect: 'their lines are ignored too', fix: 'Fix the ones above, then refresh.' }];
}

/** Every finding for the shared files `env` points to, config first. */
export async function checkSharedFiles(env: Env, read: ReadText = readText): Promise<ConfigFinding[]> {
  const home = homeDir(env);
  // Paths as the SDK finds them, a leading ~/ already resolved against `home`.
  const paths = sharedFilePaths(env);
  const fileErrors: ConfigFinding[] = [];
  const load = async (kind: SharedFileKind, path: string): Promise<CheckedFile | null> => {
    const shown = shownPath(path, home);
    try {
      return { shown, facts: readIniFacts(kind, await read(path)) };
    } catch (err) {
      const finding = unreadable(kind, shown, err, envSetting(env, ENV_NAME[kind]) !== undefined);
      if (finding !== null) fileErrors.push(finding);
      return null;
    }
  };
  const config = await load('config', paths.configFile);
  const credentials = await load('credentials', paths.credentialsFile);
  return capped([...fileErrors, ...configFindings(config, credentials)]);
}
