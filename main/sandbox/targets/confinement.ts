/**
 * How the sandbox runs a target's shells and commands. They are real processes on this computer,
 * run as the person who started the sandbox. Always: they start in the target's directory, with
 * HOME there and a scrubbed environment (no AWS_*, no tokens, no Porthole secrets). Where
 * bubblewrap works they are also confined: the host file system read-only (the person's AWS
 * files and Porthole's data not visible at all), the target's
 * directory (the home) and the target's own /tmp the only writable places, their own PID namespace (ps
 * and top see only the shell's tree) and the target's name as hostname. Where it does not, the
 * sandbox says so (banner + log) and runs them unconfined.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type Confinement =
  | { readonly kind: 'bwrap'; readonly bwrap: string }
  | { readonly kind: 'none'; readonly reason: string };

export const CONFINEMENT = {
  /** Setting this to 0 runs target shells unconfined even where bubblewrap works. */
  envVar: 'PORTHOLE_SANDBOX_CONFINE',
  /** The one-time bubblewrap probe at start; generous, as a loaded 2-core box is slow to fork. */
  probeTimeoutMs: 15_000,
  /** Longest hostname label (RFC 1123). */
  maxHostname: 63,
  /** The only variables a target process inherits (plus HOME, set to its directory). */
  keptEnv: ['PATH', 'TERM', 'LANG', 'LC_ALL', 'LC_CTYPE', 'LC_MESSAGES', 'TZ', 'USER', 'LOGNAME', 'SHELL'],
  /** PATH when the sandbox's own has none. */
  defaultPath: '/usr/local/bin:/usr/bin:/bin',
  /**
   * Under the person's HOME, what a confined target never sees (an empty folder in its place):
   * their AWS credentials, config and SSO token cache, and Porthole's data (web host and
   * Electron). The environment is scrubbed of AWS_* for the same reason; a real container has
   * neither.
   */
  hiddenHomeFolders: ['.aws', path.join('.config', 'porthole'), path.join('.config', 'Porthole')],
  /** Variables naming more of the same elsewhere; each hidden when it exists (a file by an empty one). */
  hiddenPathVars: ['PORTHOLE_DATA_DIR', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'],
} as const;

/** No confinement: the default where nothing was probed (tests that build a gateway themselves). */
export const UNCONFINED: Confinement = { kind: 'none', reason: 'confinement was not set up for this gateway' };

/** What a person is told once, at start (standalone banner, app log). */
export function describeConfinement(c: Confinement): string {
  return c.kind === 'bwrap'
    ? 'Sandbox shells are confined with bubblewrap: read-only host files, the target directory as home, a /tmp of each target\'s own, private process list.'
    : `Sandbox shells run UNCONFINED on this computer, as you (${c.reason}): they start in the target's directory, but can read and change your files.`;
}

function findOnPath(name: string, pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Decides once per sandbox: bubblewrap if it is installed, allowed, and actually works here. */
export async function probeConfinement(opts: { confine?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<Confinement> {
  const env = opts.env ?? process.env;
  if (opts.confine === false) return { kind: 'none', reason: 'confinement turned off by the caller' };
  if (env[CONFINEMENT.envVar] === '0') return { kind: 'none', reason: `${CONFINEMENT.envVar}=0` };
  const bwrap = findOnPath('bwrap', env['PATH']);
  if (!bwrap) return { kind: 'none', reason: 'bubblewrap (bwrap) is not installed' };
  const dir = mkdtempSync(path.join(tmpdir(), 'porthole-confine-probe-'));
  try {
    const args = bwrapArgs(dir, 'probe');
    await new Promise<void>((resolve, reject) => {
      execFile(bwrap, [...args, '--', '/bin/sh', '-c', 'touch "$HOME/ok"'], { timeout: CONFINEMENT.probeTimeoutMs, env: { PATH: env['PATH'] ?? CONFINEMENT.defaultPath, HOME: dir } }, (err, _out, stderr) => {
        if (err) reject(new Error(stderr.trim() || err.message));
        else resolve();
      });
    });
    return { kind: 'bwrap', bwrap };
  } catch (err) {
    return { kind: 'none', reason: `bubblewrap does not work here: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(targetTmpDir(dir), { recursive: true, force: true });
  }
}

/** A hostname from a target's name: letters, digits and '-' only, at most 63 characters. */
export function hostnameFor(name: string): string {
  const h = name.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, CONFINEMENT.maxHostname).replace(/-+$/, '');
  return h || 'target';
}

/** The environment of a target process: only CONFINEMENT.keptEnv from `source`, HOME = the target's directory. */
export function scrubbedEnv(source: NodeJS.ProcessEnv, home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of CONFINEMENT.keptEnv) {
    const v = source[name];
    if (v !== undefined) env[name] = v;
  }
  env['PATH'] ??= CONFINEMENT.defaultPath;
  env['HOME'] = home;
  return env;
}

/** Mounts over the person's secrets (CONFINEMENT.hiddenHomeFolders / hiddenPathVars) that exist. */
export function hidingArgs(source: NodeJS.ProcessEnv): string[] {
  const home = source['HOME'];
  const candidates = [
    ...(home ? CONFINEMENT.hiddenHomeFolders.map((f) => path.join(home, f)) : []),
    ...CONFINEMENT.hiddenPathVars.map((v) => source[v]).filter((p): p is string => p !== undefined && path.isAbsolute(p)),
  ];
  const args: string[] = [];
  for (const p of new Set(candidates)) {
    let kind: 'dir' | 'file' | undefined;
    try {
      const st = statSync(p);
      kind = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
    } catch {
      kind = undefined; // absent: nothing to hide (and no mount point to make on a read-only host)
    }
    if (kind === 'dir') args.push('--tmpfs', p);
    else if (kind === 'file') args.push('--ro-bind', '/dev/null', p);
  }
  return args;
}

/**
 * The folder a confined target sees as /tmp: one per target, beside its directory, so every
 * session of a target shares it as on a real machine (a file uploaded to /tmp/ by a transfer's
 * session is there in the person's shell), while other targets and the host's /tmp stay apart.
 */
export function targetTmpDir(workdir: string): string {
  return path.join(path.dirname(workdir), `.${path.basename(workdir)}.tmp`);
}

function bwrapArgs(workdir: string, hostname: string, source: NodeJS.ProcessEnv = {}): string[] {
  const tmp = targetTmpDir(workdir);
  mkdirSync(tmp, { recursive: true, mode: 0o700 });
  return [
    '--ro-bind', '/', '/',
    '--dev', '/dev',
    '--proc', '/proc',
    // Before the target's folder is bound, so a target folder under a hidden one is still there.
    ...hidingArgs(source),
    '--bind', tmp, '/tmp',
    // After the target's /tmp, so a target directory under /tmp is mounted back into it, writable.
    '--bind', workdir, workdir,
    '--unshare-pid', '--unshare-ipc', '--unshare-uts',
    '--hostname', hostname,
    '--die-with-parent',
    '--chdir', workdir,
    '--setenv', 'HOME', workdir,
  ];
}

/**
 * If bubblewrap fails at run time (it then never reports the child's exit code on the status fd),
 * the same command runs unconfined after a one-line notice: a session never dies of it.
 * $1 = status file, then the bwrap path and its arguments, `--`, the command.
 */
const FALLBACK_SCRIPT = [
  'status=$1; shift',
  '"$@" 3>"$status"',
  'rc=$?',
  'if grep -q exit-code "$status" 2>/dev/null; then rm -f "$status"; exit $rc; fi',
  'rm -f "$status"',
  'printf "%s\\r\\n" "porthole sandbox: could not confine this shell (see bubblewrap\'s message above); running it unconfined, as you." >&2',
  'while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do shift; done; shift',
  'exec "$@"',
].join('\n');

/**
 * A confined shell on a terminal must start in a process group of its own namespace, as the real
 * agent's shell does (it is the pty's session leader). Under `--unshare-pid` the pty's foreground
 * group is the sandbox's outer wrapper, which the shell cannot see: an interactive dash takes
 * that invisible group (0) as the one to give the terminal back to, and on `exit` fails with
 * "Cannot set tty process group (No such process)" (and exits 2). So a small sh with job control
 * (`set -m`) runs inside the namespace first: it moves itself to a group of its own and starts the
 * shell as its foreground job, in a group the shell can see and hand back on exit. Its own
 * failure to hand the terminal back when it ends is the same message, about nothing anyone needs:
 * its stderr is /dev/null, the shell's is the terminal (fd 9 carries it across). It stays as the
 * shell's parent (one more `sh` in ps).
 *
 * That group is not orphaned (the sh is its parent, in the same session), so the terminal's
 * Ctrl-Z really stops it, where on AWS the agent's command leads the pty's session, its group is
 * orphaned and the stop is discarded: `cat`, `top` or `python` keep running. So while the job is
 * stopped the sh resumes it (`fg`), and it ends only when the job has ended, with the job's status
 * (a pty session never reports an exit code, §16, but the status stays honest). Inside an
 * interactive shell, Ctrl-Z stops that shell's own jobs, as usual. $@ = the shell or command and
 * its arguments.
 */
const TTY_GROUP_SCRIPT = [
  'exec 9>&2 2>/dev/null; set -m',
  '"$@" 2>&9 9>&-; rc=$?',
  'while jobs %% >/dev/null 2>&1; do fg >/dev/null; rc=$?; done',
  'exit $rc',
].join('\n');

export interface TargetProcess {
  readonly file: string;
  readonly args: string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
}

export interface TargetSpawnContext {
  /** The target's directory: cwd, HOME and (confined) the only writable place. */
  readonly workdir: string;
  /** The target's name (instance name, container/task); its hostname when confined. */
  readonly name: string;
  readonly confinement: Confinement;
  /** Where the sandbox's own environment comes from (default process.env). */
  readonly sourceEnv?: NodeJS.ProcessEnv;
  /** The process runs on a terminal (a pty): confined, it then starts in a process group of its own (TTY_GROUP_SCRIPT). */
  readonly tty?: boolean;
}

/** The command line, directory and environment that run `file args` as the target's process. */
export function targetProcess(ctx: TargetSpawnContext, file: string, args: readonly string[]): TargetProcess {
  const env = scrubbedEnv(ctx.sourceEnv ?? process.env, ctx.workdir);
  if (ctx.confinement.kind === 'none') return { file, args: [...args], cwd: ctx.workdir, env };
  const status = path.join(path.dirname(ctx.workdir), `.${path.basename(ctx.workdir)}.bwrap-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const bwrap = [ctx.confinement.bwrap, '--json-status-fd', '3', ...bwrapArgs(ctx.workdir, hostnameFor(ctx.name), ctx.sourceEnv ?? process.env)];
  const command = ctx.tty === true ? ['/bin/sh', '-c', TTY_GROUP_SCRIPT, 'porthole-tty', file, ...args] : [file, ...args];
  return { file: '/bin/sh', args: ['-c', FALLBACK_SCRIPT, 'porthole-confine', status, ...bwrap, '--', ...command], cwd: ctx.workdir, env };
}
