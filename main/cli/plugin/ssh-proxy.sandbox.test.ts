// `ssh -o ProxyCommand='session-manager-plugin …'` reaches a real sshd (OpenSSH, run here on a
// loopback port with a throwaway host key) through the sandbox's agent, in the SSH document's
// stdin/stdout mode (§8.1) — the way people use the plugin with ssh.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliHarness } from '../../../testing/cli/cli-harness.js';

const SSHD = '/usr/sbin/sshd';
/** The environment variable carrying the session response (the plugin's env-var form, §11). */
const RESPONSE_VAR = 'AWS_SSM_START_SESSION_RESPONSE_PORTHOLE_TEST';

let h: CliHarness;
let dir: string;
let sshd: ChildProcess | undefined;
let sshdPort = 0;

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: 'ignore' });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`))));
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function waitForListen(port: number, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - started > timeoutMs) throw new Error(`sshd did not listen on ${port}: ${readFileSync(join(dir, 'sshd.log'), 'utf8')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  h = await CliHarness.start();
  dir = mkdtempSync(join(tmpdir(), 'porthole-sshd-'));
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client_key')]);
  // As root, sshd insists on its privilege-separation directory (created by the service normally).
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true });
  sshdPort = await freePort();
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      'ListenAddress 127.0.0.1',
      `Port ${sshdPort}`,
      `HostKey ${join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${join(dir, 'client_key.pub')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      '',
    ].join('\n'),
  );
  const log = join(dir, 'sshd.log');
  sshd = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config'), '-E', log], { stdio: 'ignore' });
  await waitForListen(sshdPort, 10_000);
});

afterAll(async () => {
  if (sshd && sshd.exitCode === null) sshd.kill('SIGTERM');
  await h?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('ssh through the drop-in as ProxyCommand', () => {
  it('authenticates to sshd and runs a command over AWS-StartSSHSession\'s stream', async () => {
    const s = h.addSession({ type: 'Port', properties: { portNumber: String(sshdPort) }, host: 'localhost', portNumber: sshdPort, dial: { host: '127.0.0.1', port: sshdPort } });
    const proxy = `session-manager-plugin ${RESPONSE_VAR} ${h.sandbox.region} StartSession '' '{"Target":"i-0a1b2c3d4e5f60001"}' ${h.sandbox.endpoint}`;
    const r = await h.run('ssh', [
      '-F', '/dev/null',
      '-o', `ProxyCommand=${proxy}`,
      '-o', 'StrictHostKeyChecking=no',
      '-o', 'UserKnownHostsFile=/dev/null',
      '-o', 'BatchMode=yes',
      '-o', 'LogLevel=ERROR',
      '-i', join(dir, 'client_key'),
      `${userInfo().username}@${s.sessionId}`,
      'echo via-sshd-$((6*7))',
    ], { env: h.env({ [RESPONSE_VAR]: s.response }) });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('via-sshd-42\n');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'sshd.log'), 'utf8')).toMatch(/Accepted publickey for \S+ from 127\.0\.0\.1/);
  });
});
