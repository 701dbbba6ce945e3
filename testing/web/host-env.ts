// Test support: the environments the e2e fixture (e2e/fixtures/web-host.ts) gives web hosts, and
// which hosts can run in the worker's launcher process (host-launcher.ts). A launched host gets its
// `env` only where Porthole takes an env parameter; the AWS SDK (credential providers, the SSO
// token cache's path, shared config files) and os.homedir() read process.env, the launcher's. So
// a host whose environment differs from the launcher's in anything but the host-scoped variables
// below would be half in one environment and half in another: it needs a process of its own.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type EnvMap = Readonly<Record<string, string | undefined>>;

/** Variables Porthole reads only through the env it is given (resolveDataDir, startPorthole's sandbox switch): each launched host may have its own. */
export const HOST_SCOPED_ENV: readonly string[] = ['PORTHOLE_DATA_DIR', 'PORTHOLE_SANDBOX'];

/** Node sets these in a forked child for its IPC channel (NODE_CHANNEL_FD, …); the fixture never does. */
const NODE_CHANNEL_PREFIX = 'NODE_CHANNEL_';

/**
 * AWS_* variables kept from the worker's environment: transport settings only (the machine's CA
 * bundle), never a profile, a credential or a config file of the machine's.
 */
const KEPT_AWS_ENV: readonly string[] = ['AWS_CA_BUNDLE'];

/** Names of the hermetic AWS files under a hermetic home; nothing writes them unless a test does (config-notice.spec). */
export const HERMETIC_AWS_CONFIG = 'no-aws-config';
export const HERMETIC_AWS_CREDENTIALS = 'no-aws-credentials';

/**
 * The shell the e2e hosts' sandbox targets run (the sandbox's gateway takes $SHELL, else /bin/sh).
 * The specs read what this shell prints: bash says "exit" as it leaves, and shows a prompt with the
 * user and host; dash (Debian's /bin/sh) says nothing and shows "# ". So the suite must not take
 * whatever $SHELL started it: a CI run started without $SHELL ran every target in dash, and
 * session-end.spec failed on the "exit" line dash never prints. bash is also what /bin/sh is on
 * Amazon Linux, where the SSM agent starts `sh`.
 */
export const E2E_SHELL = 'bash';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** E2E_SHELL's path on `pathVar`; throws, saying why, when it is not there. */
export function findE2eShell(pathVar: string | undefined, executable: (file: string) => boolean = isExecutable): string {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    const candidate = dir === '' ? undefined : join(dir, E2E_SHELL);
    if (candidate !== undefined && executable(candidate)) return candidate;
  }
  throw new Error(`The e2e suite runs the sandbox's shells in ${E2E_SHELL} (the specs read what it prints), and there is no ${E2E_SHELL} on PATH (${pathVar ?? 'unset'}): install it.`);
}

/** The variables that are set (process.env's type allows undefined values). */
function definedOnly(env: EnvMap): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * `inherited` with HOME = `home` and the AWS SDK's files under it, and no AWS_* variable of the
 * machine's but KEPT_AWS_ENV: the SSO token cache (HOME/.aws/sso/cache), the shared config and
 * credentials files and the env credentials then never reach the real ~/.aws or the machine's keys.
 */
function withHermeticHome(inherited: EnvMap, home: string): Record<string, string> {
  const kept = Object.entries(definedOnly(inherited)).filter(([name]) => !name.startsWith('AWS_') || KEPT_AWS_ENV.includes(name));
  return {
    ...Object.fromEntries(kept),
    HOME: home,
    AWS_CONFIG_FILE: join(home, HERMETIC_AWS_CONFIG),
    AWS_SHARED_CREDENTIALS_FILE: join(home, HERMETIC_AWS_CREDENTIALS),
  };
}

/**
 * The worker's environment made hermetic: withHermeticHome (HOME and the AWS files in `home`, none
 * of the machine's AWS variables but KEPT_AWS_ENV), and SHELL = `shell` (findE2eShell), not the
 * machine's, so the sandbox's targets run the same shell however the suite was started.
 */
export function hermeticEnv(inherited: EnvMap, home: string, shell: string): Record<string, string> {
  return { ...withHermeticHome(inherited, home), SHELL: shell };
}

/**
 * The names whose values differ between a host's environment and a process's, leaving out the
 * host-scoped ones and Node's IPC variables: what a host started in that process would not get.
 * Empty: the host can run there.
 */
export function processWideDifferences(hostEnv: EnvMap, processEnv: EnvMap): string[] {
  const names = new Set([...Object.keys(hostEnv), ...Object.keys(processEnv)]);
  return [...names].filter((name) => !HOST_SCOPED_ENV.includes(name) && !name.startsWith(NODE_CHANNEL_PREFIX) && hostEnv[name] !== processEnv[name]).sort();
}

/** The fixture's options that shape a host's environment. */
export interface HostEnvOptions {
  /** PORTHOLE_SANDBOX: the host may start the sandbox. */
  readonly sandbox: boolean;
  /** HOME (and the AWS files) in the host's own data folder, not the worker's hermetic home. */
  readonly isolatedHome: boolean;
}

/**
 * A host's environment: `base` (the worker's hermetic environment, hermeticEnv) with its own data
 * folder and sandbox switch; with `isolatedHome`, HOME and the AWS files in that folder, so a
 * sign-in or a config file written there is this test's alone.
 */
export function webHostEnv(base: EnvMap, dataDir: string, { sandbox, isolatedHome }: HostEnvOptions): Record<string, string> {
  const env = isolatedHome ? withHermeticHome(base, dataDir) : definedOnly(base);
  return { ...env, PORTHOLE_DATA_DIR: dataDir, PORTHOLE_SANDBOX: sandbox ? '1' : '0' };
}

/**
 * Whether a host with this environment needs a process of its own rather than the launcher
 * started with `launcherEnv`: it asked for one (kill()/restart()), or its environment differs from
 * the launcher's in a variable the SDK would read from process.env.
 */
export function needsOwnProcess(hostEnv: EnvMap, launcherEnv: EnvMap, ownProcessAsked: boolean): boolean {
  return ownProcessAsked || processWideDifferences(hostEnv, launcherEnv).length > 0;
}
