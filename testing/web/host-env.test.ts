// Which e2e web hosts may share the worker's launcher process: the AWS SDK there reads the
// launcher's process.env, so a host whose HOME or AWS_* differ must get a process of its own, and
// the launcher's own environment must never lead to the machine's ~/.aws or AWS keys.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_SHELL, findE2eShell, hermeticEnv, needsOwnProcess, processWideDifferences, webHostEnv } from './host-env.js';

const MACHINE = {
  PATH: '/usr/bin',
  HOME: '/root',
  AWS_PROFILE: 'prod',
  AWS_ACCESS_KEY_ID: 'AKIAMACHINE',
  AWS_SECRET_ACCESS_KEY: 'machine-secret',
  AWS_CONFIG_FILE: '/root/.aws/config',
  AWS_CA_BUNDLE: '/etc/ssl/ca.pem',
  UNSET: undefined,
};
const WORKER_HOME = '/tmp/porthole-e2e-home-x';
const BASH = '/usr/bin/bash';
const DATA = '/tmp/porthole-e2e-y';

describe('hermeticEnv (the launcher process and hosts without isolatedHome)', () => {
  const env = hermeticEnv(MACHINE, WORKER_HOME, BASH);

  it('puts HOME and both AWS files in the throwaway home, never the real ~/.aws', () => {
    expect(env['HOME']).toBe(WORKER_HOME);
    expect(env['AWS_CONFIG_FILE']).toBe(join(WORKER_HOME, 'no-aws-config'));
    expect(env['AWS_SHARED_CREDENTIALS_FILE']).toBe(join(WORKER_HOME, 'no-aws-credentials'));
    expect(Object.values(env).some((v) => v.startsWith('/root'))).toBe(false);
  });

  it("drops the machine's AWS profile and keys, keeps its CA bundle and the rest", () => {
    expect(env).not.toHaveProperty('AWS_PROFILE');
    expect(env).not.toHaveProperty('AWS_ACCESS_KEY_ID');
    expect(env).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
    expect(env).not.toHaveProperty('UNSET');
    expect(env['AWS_CA_BUNDLE']).toBe('/etc/ssl/ca.pem');
    expect(env['PATH']).toBe('/usr/bin');
  });

  it("runs the sandbox's targets in the shell it is given, whether the machine had no $SHELL or another one", () => {
    // Without $SHELL the sandbox's gateway starts /bin/sh: dash on Debian, which never prints the
    // "exit" session-end.spec reads (the official CI run that failed had no $SHELL).
    expect(env['SHELL']).toBe(BASH);
    expect(hermeticEnv({ ...MACHINE, SHELL: '/bin/sh' }, WORKER_HOME, BASH)['SHELL']).toBe(BASH);
    expect(webHostEnv(env, DATA, { sandbox: true, isolatedHome: true })['SHELL']).toBe(BASH);
  });
});

describe('findE2eShell', () => {
  it(`finds ${E2E_SHELL} on PATH, the first directory that has it`, () => {
    const has = new Set(['/usr/bin/bash', '/bin/bash']);
    expect(findE2eShell('/usr/local/bin::/usr/bin:/bin', (f) => has.has(f))).toBe('/usr/bin/bash');
  });

  it('says what is missing when PATH has none (never falls back to the machine\'s /bin/sh)', () => {
    expect(() => findE2eShell('/usr/local/bin:/usr/bin', () => false)).toThrow(/no bash on PATH \(\/usr\/local\/bin:\/usr\/bin\): install it/);
    expect(() => findE2eShell(undefined, () => true)).toThrow(/no bash on PATH \(unset\)/);
  });
});

describe('the fixture: a host in the launcher or in a process of its own', () => {
  const launcher = hermeticEnv(MACHINE, WORKER_HOME, BASH);

  it('runs an ordinary host (sandbox or not) in the launcher: only its data folder and sandbox switch differ', () => {
    for (const sandbox of [false, true]) {
      const env = webHostEnv(launcher, DATA, { sandbox, isolatedHome: false });
      expect(env['PORTHOLE_DATA_DIR']).toBe(DATA);
      expect(env['PORTHOLE_SANDBOX']).toBe(sandbox ? '1' : '0');
      expect(processWideDifferences(env, launcher)).toEqual([]);
      expect(needsOwnProcess(env, launcher, false)).toBe(false);
    }
  });

  it('gives an isolatedHome host a process of its own, with HOME and the AWS files in its data folder', () => {
    const env = webHostEnv(launcher, DATA, { sandbox: true, isolatedHome: true });
    expect(env['HOME']).toBe(DATA);
    expect(env['AWS_CONFIG_FILE']).toBe(join(DATA, 'no-aws-config'));
    expect(env['AWS_SHARED_CREDENTIALS_FILE']).toBe(join(DATA, 'no-aws-credentials'));
    expect(processWideDifferences(env, launcher)).toEqual(['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'HOME']);
    expect(needsOwnProcess(env, launcher, false)).toBe(true);
  });

  it('gives a host a process of its own when asked (kill/restart), and for any other variable that differs', () => {
    const env = webHostEnv(launcher, DATA, { sandbox: false, isolatedHome: false });
    expect(needsOwnProcess(env, launcher, true)).toBe(true);
    expect(needsOwnProcess({ ...env, AWS_REGION: 'eu-west-1' }, launcher, false)).toBe(true);
    const withoutPath = Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'PATH'));
    expect(processWideDifferences(withoutPath, launcher)).toEqual(['PATH']);
  });

  it("the launcher's check leaves out Node's IPC variables, which only its own process.env has", () => {
    const env = webHostEnv(launcher, DATA, { sandbox: false, isolatedHome: false });
    expect(processWideDifferences(env, { ...launcher, NODE_CHANNEL_FD: '3', NODE_CHANNEL_SERIALIZATION_MODE: 'json' })).toEqual([]);
  });
});
