// Credential resolution through the SDK's providers, with files and scripts in a temp dir.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { allEnded, stuckHelperBody, stuckHelperRunning } from '../../testing/aws/stuck-helper.js';
import { profileIn } from '../../testing/aws/test-profiles.js';
import { CREDENTIAL_PROCESS } from './credential-process.js';
import { credentialProviderFor } from './credentials.js';
import { AwsError } from './errors.js';
import type { ProfileInfo } from './profiles.js';
import { requestLimits } from './request-limits.js';

const dir = mkdtempSync(join(tmpdir(), 'porthole-creds-'));
const config = join(dir, 'config');
const credentials = join(dir, 'credentials');
const counter = join(dir, 'process-runs');
const goodScript = join(dir, 'good-creds.sh');
const badScript = join(dir, 'bad-creds.sh');
const waitingScript = join(dir, 'waiting-creds.sh');
const stuckScript = join(dir, 'stuck-creds.sh');
const stuckPids = join(dir, 'stuck-pids');
const readsStdinScript = join(dir, 'reads-stdin-creds.sh');
const halfJsonScript = join(dir, 'half-json-creds.sh');
const files = { configFile: config, credentialsFile: credentials };
const savedHome = process.env.HOME;

beforeAll(() => {
  // The SSO token cache lives under $HOME/.aws/sso/cache; an empty temp home means "never logged in".
  process.env.HOME = dir;
  writeFileSync(goodScript, `#!/bin/sh\necho run >> ${counter}\necho '{"Version":1,"AccessKeyId":"AKIAPROCESS","SecretAccessKey":"process-secret","SessionToken":"tok"}'\n`);
  writeFileSync(badScript, '#!/bin/sh\necho "vault is sealed" >&2\nexit 3\n');
  chmodSync(goodScript, 0o755);
  // Waits for an answer on stdin that never comes (ends when the test process closes its end).
  writeFileSync(waitingScript, '#!/bin/sh\nread answer\n');
  chmodSync(badScript, 0o755);
  chmodSync(waitingScript, 0o755);
  // Records its pid and its child's, then waits on the child (a helper stuck on a browser sign-in).
  writeFileSync(stuckScript, `#!/bin/sh\n${stuckHelperBody(stuckPids)}\n`);
  // Asks for input first and carries on without it when there is none (end of input).
  writeFileSync(readsStdinScript, `#!/bin/sh\nread answer\necho '{"Version":1,"AccessKeyId":"AKIANOSTDIN","SecretAccessKey":"nostdin-secret","Expiration":"2999-01-01T00:00:00Z"}'\n`);
  writeFileSync(halfJsonScript, `#!/bin/sh\necho '{"Version":1,"AccessKeyId":"AKIAHALF","SecretAccessKey":"half-secret-do-not-show"'\n`);
  for (const f of [stuckScript, readsStdinScript, halfJsonScript]) chmodSync(f, 0o755);
  writeFileSync(config, `
[profile proc]
credential_process = ${goodScript}
[profile proc-broken]
credential_process = ${badScript}
[profile proc-waiting]
credential_process = ${waitingScript}
[profile proc-stuck]
credential_process = ${stuckScript}
[profile proc-reads-stdin]
credential_process = ${readsStdinScript}
[profile proc-half-json]
credential_process = ${halfJsonScript}
[profile role-over-keys]
role_arn = arn:aws:iam::111122223333:role/ops
source_profile = static
[profile role-over-waiting]
role_arn = arn:aws:iam::111122223333:role/ops
source_profile = proc-waiting
[profile sso]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Dev
region = us-east-1
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
[profile empty]
region = us-east-1
[profile loop-a]
role_arn = arn:aws:iam::111122223333:role/a
source_profile = loop-b
[profile loop-b]
role_arn = arn:aws:iam::111122223333:role/b
source_profile = loop-a
[profile sso-ghost]
sso_session = ghost
sso_account_id = 111122223333
sso_role_name = Dev
[profile sso-partial]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
[profile odd-source]
role_arn = arn:aws:iam::111122223333:role/a
credential_source = Laptop
`);
  writeFileSync(credentials, '[static]\naws_access_key_id = AKIASTATIC\naws_secret_access_key = static-secret\n');
});
afterAll(() => {
  process.env.HOME = savedHome;
  rmSync(dir, { recursive: true, force: true });
});

/** A TCP server that takes connections and never answers. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    close: () => {
      for (const sock of sockets) sock.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const profile = (name: string): Promise<ProfileInfo> => profileIn(files, dir, name);

describe('credentialProviderFor', () => {
  it('resolves static keys from the credentials file', async () => {
    const creds = await credentialProviderFor(await profile('static'), { files })();
    expect(creds).toMatchObject({ accessKeyId: 'AKIASTATIC', secretAccessKey: 'static-secret' });
  });

  it('runs credential_process once and shares the result across callers', async () => {
    const provider = credentialProviderFor(await profile('proc'), { files });
    const [a, b] = await Promise.all([provider(), provider()]);
    const c = await provider();
    expect(a.accessKeyId).toBe('AKIAPROCESS');
    expect(b.accessKeyId).toBe('AKIAPROCESS');
    expect(c.sessionToken).toBe('tok');
    expect(readFileSync(counter, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('turns a failing credential_process into a plain error', async () => {
    const err = await credentialProviderFor(await profile('proc-broken'), { files })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsError);
    expect((err as AwsError).code).toBe('credential-process-failed');
    expect((err as AwsError).message).toBe('The credential_process of profile "proc-broken" failed: it exited with code 3.');
    expect((err as AwsError).detail).toBe('vault is sealed');
  });

  it('gives up on a credential_process that never finishes, in plain words, and runs it again on the next call', async () => {
    const provider = credentialProviderFor(await profile('proc-stuck'), { files, deadlineMs: 300 });
    const expected = { code: 'credential-process-failed', message: 'Getting the credentials of profile "proc-stuck" did not finish within 300 ms: its credential_process was still running and has been stopped.' };
    await expect(provider()).rejects.toMatchObject(expected);
    await expect(provider()).rejects.toMatchObject(expected);
  });

  it('leaves no process running after the deadline: the command and what it started are ended', async () => {
    rmSync(stuckPids, { force: true });
    // The limit only passes once the helper and its child run: under load a real 300 ms could
    // pass before the shell even started its child, leaving nothing to see ended.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const pending = credentialProviderFor(await profile('proc-stuck'), { files, deadlineMs: 300 })().catch((e: unknown) => e);
      const pids = await stuckHelperRunning(stuckPids);
      await vi.advanceTimersByTimeAsync(300);
      expect(await pending).toMatchObject({ code: 'credential-process-failed' });
      // SIGTERM went at the limit; the grace passes too, so anything left gets SIGKILL.
      await vi.advanceTimersByTimeAsync(CREDENTIAL_PROCESS.KILL_GRACE_MS);
      await allEnded(pids);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives the command no stdin, so one that asks for input reads end of input and carries on', async () => {
    const creds = await credentialProviderFor(await profile('proc-reads-stdin'), { files, deadlineMs: 5_000 })();
    expect(creds).toMatchObject({ accessKeyId: 'AKIANOSTDIN', secretAccessKey: 'nostdin-secret', expiration: new Date('2999-01-01T00:00:00Z') });
  });

  it('says a command printed no JSON without echoing what it printed', async () => {
    const err = (await credentialProviderFor(await profile('proc-half-json'), { files })().catch((e: unknown) => e)) as AwsError;
    expect(err).toMatchObject({ code: 'credential-process-failed', message: 'The credential_process of profile "proc-half-json" did not print JSON.' });
    expect(JSON.stringify({ m: err.message, n: err.nextStep, d: err.detail, x: err.details })).not.toContain('half-secret');
  });

  it('says which endpoint did not answer when a role profile runs out of time, not that a command is running', async () => {
    const stuck = await silentServer();
    try {
      const endpoint = `http://127.0.0.1:${stuck.port}`;
      // The STS client's own timeout is far off: the deadline is what fires.
      const err = (await credentialProviderFor(await profile('role-over-keys'), { files, deadlineMs: 300, stsClientConfig: { region: 'us-east-1', endpoint, requestHandler: requestLimits(60_000) } })().catch((e: unknown) => e)) as AwsError;
      expect(err).toMatchObject({
        code: 'endpoint-unreachable',
        message: `Getting the credentials of profile "role-over-keys" did not finish within 300 ms: the AWS STS endpoint (${endpoint}) did not answer in time.`,
      });
      expect(err.nextStep).toContain('network');
      expect(err.nextStep).not.toContain('command');
    } finally {
      await stuck.close();
    }
  });

  it('runs a source profile\'s credential_process with no stdin too: one that waits for input ends at once, naming both profiles', async () => {
    // The deadline is far off: the command must end by itself (its read finds end of input, so it exits 1).
    const err = (await credentialProviderFor(await profile('role-over-waiting'), { files, deadlineMs: 60_000 })().catch((e: unknown) => e)) as AwsError;
    expect(err).toMatchObject({
      code: 'credential-process-failed',
      message: 'The credential_process of profile "proc-waiting" (the source profile of "role-over-waiting") failed: it exited with code 1.',
      context: { profile: 'role-over-waiting' },
    });
  });

  it('tells the user to run aws sso login when there is no SSO token', async () => {
    const err = await credentialProviderFor(await profile('sso'), { files })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsError);
    expect((err as AwsError).code).toBe('sso-login-required');
    expect((err as AwsError).nextStep).toContain('aws sso login --profile sso');
  });

  it('tells the user to run aws sso login when the SSO token has expired', async () => {
    const { createHash } = await import('node:crypto');
    const { mkdirSync } = await import('node:fs');
    const cacheDir = join(dir, '.aws', 'sso', 'cache');
    mkdirSync(cacheDir, { recursive: true });
    // The SDK names the cache file after the sha1 of the sso-session name.
    const file = join(cacheDir, `${createHash('sha1').update('corp').digest('hex')}.json`);
    writeFileSync(file, JSON.stringify({ accessToken: 'old', expiresAt: '2020-01-01T00:00:00Z', region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' }));
    const err = await credentialProviderFor(await profile('sso'), { files })().catch((e: unknown) => e);
    rmSync(file);
    expect((err as AwsError).code).toBe('sso-login-required');
    expect((err as AwsError).message).toBe('The SSO login of profile "sso" is missing or has expired.');
  });

  it('surfaces the SSO guidance from an SDK call, not only from the provider', async () => {
    const { ListClustersCommand } = await import('@aws-sdk/client-ecs');
    const { ProfileSession } = await import('./profile-session.js');
    // Port 9 is never dialled: credentials fail before any request is built.
    const p = { ...(await profile('sso')), endpoints: { ecs: { url: 'http://127.0.0.1:9', source: 'profile' as const } } };
    const session = new ProfileSession(p, { files });
    try {
      await expect(session.ecs().send(new ListClustersCommand({}))).rejects.toMatchObject({ code: 'sso-login-required', nextStep: "Sign in with SSO (from the error or the profile's menu), or run aws sso login --profile sso in a terminal, then refresh." });
    } finally {
      session.close();
    }
  });

  it('says which setting is wrong when the SDK cannot use a profile as written', async () => {
    const fail = async (name: string): Promise<AwsError> => (await credentialProviderFor(await profile(name), { files })().catch((e: unknown) => e)) as AwsError;
    expect(await fail('loop-a')).toMatchObject({
      code: 'config-invalid',
      message: 'Profile "loop-a" cannot get credentials: its source_profile chain leads back to a profile already in it (loop-b, loop-a).',
    });
    // The SDK itself fails with a TypeError here (it reads the section without checking it is there).
    expect(await fail('sso-ghost')).toMatchObject({
      code: 'config-invalid',
      message: 'Profile "sso-ghost" names sso_session "ghost", but the config file has no [sso-session ghost] section with sso_start_url and sso_region.',
    });
    expect(await fail('sso-partial')).toMatchObject({ code: 'config-invalid', message: 'SSO profile "sso-partial" is missing sso_account_id and sso_role_name.' });
    expect(await fail('odd-source')).toMatchObject({ code: 'config-invalid', message: 'Profile "odd-source" has a credential_source the AWS SDK does not support.' });
  });

  it('says plainly that a profile without credentials has none', async () => {
    const err = await credentialProviderFor(await profile('empty'), { files })().catch((e: unknown) => e);
    expect((err as AwsError).code).toBe('no-credentials');
  });
});
