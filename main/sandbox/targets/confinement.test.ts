// Sandbox shells start in the target's directory with HOME there and a scrubbed environment;
// with bubblewrap they are confined (read-only host, a /tmp per target, own process list, the target's
// hostname); forced off, or with a broken bubblewrap, they run unconfined and say so.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PayloadType } from '../../ssm/frame/index.js';
import type { PluginHost } from '../agent/plugin.js';
import { ShellPlugin } from '../agent/shell-plugin.js';
import { CommandPlugin } from '../agent/command-plugin.js';
import { CONFINEMENT, hostnameFor, probeConfinement, scrubbedEnv, type Confinement } from './confinement.js';

/** A bound for a shell under bubblewrap on a loaded 2-core box, not a target. */
const RUN_LIMIT_MS = 60_000;

interface Run {
  readonly text: string;
  readonly finished: string;
}

function host(sessionId: string): PluginHost & { output: Buffer[]; finished: Promise<string> } {
  let done: (output: string) => void = () => undefined;
  const output: Buffer[] = [];
  return {
    sessionId,
    pacing: 'unpaced',
    active: true,
    output,
    finished: new Promise<string>((resolve) => (done = resolve)),
    send(payloadType, payload) {
      if (payloadType === PayloadType.Output || payloadType === PayloadType.StdErr) output.push(Buffer.from(payload));
    },
    ready: () => undefined,
    finish: (o) => done(o),
  };
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops.splice(0)) s();
});

/** Runs `script` as an interactive-command shell (a real pty) of target `name` in `workdir`. */
async function inShell(script: string, workdir: string, name: string, confinement: Confinement): Promise<Run> {
  const h = host('confinement-test');
  const plugin = new ShellPlugin(h, { shell: '/bin/sh', command: script, workdir, startDelayMs: 0, confinement, targetName: name });
  stops.push(() => plugin.stop());
  plugin.start();
  const finished = await h.finished;
  return { text: Buffer.concat(h.output).toString().replace(/\r/g, ''), finished };
}

/** What a target process sees of itself; every check prints one KEY=value line. */
function probeScript(outside: string): string {
  return [
    'echo "HOME=$HOME"',
    'echo "PWD=$(pwd)"',
    'echo "HOST=$(hostname)"',
    'echo "AWSVARS=$(env | grep -c "^AWS_")"',
    'echo "SECRET=${PORTHOLE_TEST_SECRET:-none}"',
    'echo "TERM=$TERM"',
    `touch '${outside}/written' 2>/dev/null && echo OUTSIDE=written || echo OUTSIDE=refused`,
    'touch "$HOME/inside" && echo INSIDE=written',
    'echo "TMP=$(ls -A /tmp | tr "\\n" " ")"',
    'echo "PS=$(ps -e -o comm= | sort -u | tr "\\n" " ")"',
  ].join('; ');
}

function field(text: string, key: string): string | undefined {
  return new RegExp(`^${key}=(.*)$`, 'm').exec(text)?.[1]?.trim();
}

describe('target process environment and names', () => {
  it('keeps only TERM, LANG, PATH and a few harmless variables, and HOME is the target directory', () => {
    const env = scrubbedEnv({ PATH: '/bin', TERM: 'xterm', LANG: 'C.UTF-8', AWS_SECRET_ACCESS_KEY: 's', AWS_PROFILE: 'p', GITHUB_TOKEN: 't', PORTHOLE_SANDBOX: '1', SSH_AUTH_SOCK: '/x', HOME: '/root' }, '/work/t');
    expect(env).toEqual({ PATH: '/bin', TERM: 'xterm', LANG: 'C.UTF-8', HOME: '/work/t' });
    expect(scrubbedEnv({}, '/w')['PATH']).toBe(CONFINEMENT.defaultPath);
  });

  it('makes a hostname of a target name', () => {
    expect(hostnameFor('bastion')).toBe('bastion');
    expect(hostnameFor('app/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001')).toBe('app-5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001');
    expect(hostnameFor('ecs:demo-web_abc_def')).toBe('ecs-demo-web-abc-def');
    expect(hostnameFor('x'.repeat(100))).toHaveLength(63);
    expect(hostnameFor('///')).toBe('target');
  });

  it('is unconfined when turned off, forced off by PORTHOLE_SANDBOX_CONFINE=0, or without bwrap', async () => {
    expect(await probeConfinement({ confine: false })).toMatchObject({ kind: 'none' });
    expect(await probeConfinement({ env: { ...process.env, [CONFINEMENT.envVar]: '0' } })).toEqual({ kind: 'none', reason: 'PORTHOLE_SANDBOX_CONFINE=0' });
    expect(await probeConfinement({ env: { PATH: '/nonexistent' } })).toEqual({ kind: 'none', reason: 'bubblewrap (bwrap) is not installed' });
  });
});

describe('sandbox shells', () => {
  let root: string;
  let outside: string;
  const saved = { aws: process.env['AWS_SECRET_ACCESS_KEY'], secret: process.env['PORTHOLE_TEST_SECRET'] };
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'porthole-confine-'));
    // Outside the target directory and outside /tmp, so only the read-only host mount stops a write.
    outside = mkdtempSync(path.join(process.cwd(), '.porthole-confine-outside-'));
    // What the sandbox process holds must not reach a target's shell.
    process.env['AWS_SECRET_ACCESS_KEY'] = 'must-not-leak';
    process.env['PORTHOLE_TEST_SECRET'] = 'must-not-leak';
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
    for (const [k, v] of [['AWS_SECRET_ACCESS_KEY', saved.aws], ['PORTHOLE_TEST_SECRET', saved.secret]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('confined (bubblewrap): target dir is home and the only writable place besides /tmp, the host\'s /tmp not seen, own process list, target hostname', async () => {
    const confinement = await probeConfinement();
    if (confinement.kind !== 'bwrap') throw new Error(`bubblewrap is needed for this test (CI installs it): ${confinement.reason}`);
    const workdir = path.join(root, 'targets', 'i-0a1b2c3d4e5f60002');
    writeFileSync(path.join(tmpdir(), 'porthole-host-tmp-marker'), 'x');
    const run = await inShell(probeScript(outside), workdir, 'app-server', confinement);
    expect(run.finished).toBe('');
    expect(field(run.text, 'HOME')).toBe(workdir);
    expect(field(run.text, 'PWD')).toBe(workdir);
    expect(field(run.text, 'HOST')).toBe('app-server');
    expect(field(run.text, 'AWSVARS')).toBe('0');
    expect(field(run.text, 'SECRET')).toBe('none');
    expect(field(run.text, 'TERM')).toBe('xterm-256color');
    expect(field(run.text, 'OUTSIDE')).toBe('refused');
    expect(existsSync(path.join(outside, 'written'))).toBe(false);
    expect(field(run.text, 'INSIDE')).toBe('written');
    expect(existsSync(path.join(workdir, 'inside'))).toBe(true);
    expect(field(run.text, 'TMP')).not.toContain('porthole-host-tmp-marker');
    // Only the shell's own tree: bubblewrap (pid 1), the shell, and what the script ran.
    const ps = (field(run.text, 'PS') ?? '').split(' ').filter(Boolean);
    expect(ps.length).toBeGreaterThan(0);
    for (const name of ps) expect(['bwrap', 'sh', 'ps', 'sort', 'tr']).toContain(name);
  }, RUN_LIMIT_MS);

  it('confined: a target\'s sessions share its /tmp (an upload there is seen by its shell), another target\'s /tmp is its own', async () => {
    const confinement = await probeConfinement();
    if (confinement.kind !== 'bwrap') throw new Error(`bubblewrap is needed for this test (CI installs it): ${confinement.reason}`);
    const workdir = path.join(root, 'targets', 'i-0a1b2c3d4e5f6000b');
    const other = path.join(root, 'targets', 'i-0a1b2c3d4e5f6000c');
    const write = await inShell('echo dropped > /tmp/incident.log && echo WROTE=yes', workdir, 'bastion', confinement);
    expect(field(write.text, 'WROTE')).toBe('yes');
    // A later session of the same target (a transfer's, then the person's shell) finds the file.
    const read = await inShell('echo "SEEN=$(cat /tmp/incident.log 2>/dev/null || echo none)"', workdir, 'bastion', confinement);
    expect(field(read.text, 'SEEN')).toBe('dropped');
    const elsewhere = await inShell('echo "SEEN=$(cat /tmp/incident.log 2>/dev/null || echo none)"', other, 'app-server', confinement);
    expect(field(elsewhere.text, 'SEEN')).toBe('none');
  }, RUN_LIMIT_MS);

  it('confined: the user\'s AWS files and Porthole\'s data are not visible (the environment is scrubbed of them too)', async () => {
    const confinement = await probeConfinement();
    if (confinement.kind !== 'bwrap') throw new Error(`bubblewrap is needed for this test (CI installs it): ${confinement.reason}`);
    // A home outside /tmp (the target's own /tmp would hide it anyway) holding what a real one holds.
    const home = path.join(outside, 'home');
    mkdirSync(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
    writeFileSync(path.join(home, '.aws', 'credentials'), '[default]\naws_secret_access_key = real-key-must-not-leak\n');
    const dataDir = path.join(outside, 'porthole-data');
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, 'settings.json'), '{"secret":"data-must-not-leak"}');
    const credentialsFile = path.join(outside, 'other-credentials');
    writeFileSync(credentialsFile, 'aws_secret_access_key = file-must-not-leak\n');
    const env = { HOME: process.env['HOME'], data: process.env['PORTHOLE_DATA_DIR'], creds: process.env['AWS_SHARED_CREDENTIALS_FILE'] };
    Object.assign(process.env, { HOME: home, PORTHOLE_DATA_DIR: dataDir, AWS_SHARED_CREDENTIALS_FILE: credentialsFile });
    try {
      const workdir = path.join(root, 'targets', 'i-0a1b2c3d4e5f6000a');
      const script = `cat '${home}/.aws/credentials' '${dataDir}/settings.json' '${credentialsFile}' 2>/dev/null; echo "SEEN=$(ls -A '${home}/.aws' 2>/dev/null | tr '\\n' ' ')END"`;
      const run = await inShell(script, workdir, 'app-server', confinement);
      expect(run.text).toContain('SEEN=END');
      expect(run.text).not.toMatch(/must-not-leak/);
    } finally {
      for (const [k, v] of [['HOME', env.HOME], ['PORTHOLE_DATA_DIR', env.data], ['AWS_SHARED_CREDENTIALS_FILE', env.creds]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }, RUN_LIMIT_MS);

  it('confined commands (non-interactive) are refused writes outside too, under the target hostname', async () => {
    const confinement = await probeConfinement();
    if (confinement.kind !== 'bwrap') throw new Error(`bubblewrap is needed for this test (CI installs it): ${confinement.reason}`);
    const h = host('confined-command');
    const workdir = path.join(root, 'targets', 'cmd');
    const plugin = new CommandPlugin(h, { command: `touch '${outside}/cmd' 2>/dev/null || echo refused; hostname; exit 3`, separateOutputStream: true, workdir, confinement, targetName: 'worker' });
    stops.push(() => plugin.stop());
    plugin.start();
    await h.finished;
    const text = Buffer.concat(h.output).toString();
    expect(text).toContain('refused');
    expect(text).toContain('worker');
    expect(existsSync(path.join(outside, 'cmd'))).toBe(false);
  }, RUN_LIMIT_MS);

  it('unconfined (PORTHOLE_SANDBOX_CONFINE=0): same directory, home and clean environment, but the host is visible', async () => {
    const confinement = await probeConfinement({ env: { ...process.env, [CONFINEMENT.envVar]: '0' } });
    const workdir = path.join(root, 'targets', 'unconfined');
    const run = await inShell(probeScript(outside), workdir, 'app-server', confinement);
    expect(field(run.text, 'HOME')).toBe(workdir);
    expect(field(run.text, 'PWD')).toBe(workdir);
    expect(field(run.text, 'AWSVARS')).toBe('0');
    expect(field(run.text, 'SECRET')).toBe('none');
    expect(field(run.text, 'HOST')).toBe(hostname());
    expect(field(run.text, 'OUTSIDE')).toBe('written');
    expect(field(run.text, 'PS')).toContain('node');
  }, RUN_LIMIT_MS);

  it('falls back to an unconfined shell, with a notice, when bubblewrap fails at run time', async () => {
    const broken = path.join(root, 'broken-bwrap');
    writeFileSync(broken, '#!/bin/sh\necho "bwrap: Creating new namespace failed: Operation not permitted" >&2\nexit 1\n');
    chmodSync(broken, 0o755);
    const workdir = path.join(root, 'targets', 'fallback');
    const run = await inShell('echo "HOST=$(hostname)"; echo "PWD=$(pwd)"', workdir, 'app-server', { kind: 'bwrap', bwrap: broken });
    expect(run.finished).toBe('');
    expect(run.text).toContain('bwrap: Creating new namespace failed');
    expect(run.text).toContain('porthole sandbox: could not confine this shell');
    expect(field(run.text, 'HOST')).toBe(hostname());
    expect(field(run.text, 'PWD')).toBe(workdir);
  }, RUN_LIMIT_MS);
});
