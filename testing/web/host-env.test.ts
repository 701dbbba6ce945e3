// Which e2e web hosts may share the worker's launcher process: the AWS SDK there reads the
// launcher's process.env, so a host whose HOME or AWS_* differ must get a process of its own, and
// the launcher's own environment must never lead to the machine's ~/.aws or AWS keys.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hermeticEnv, needsOwnProcess, processWideDifferences, webHostEnv } from './host-env.js';

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
const DATA = '/tmp/porthole-e2e-y';

describe('hermeticEnv (the launcher process and hosts without isolatedHome)', () => {
  const env = hermeticEnv(MACHINE, WORKER_HOME);

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
});

describe('the fixture: a host in the launcher or in a process of its own', () => {
  const launcher = hermeticEnv(MACHINE, WORKER_HOME);

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
