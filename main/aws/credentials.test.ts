// Credential resolution through the SDK's providers, with files and scripts in a temp dir.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialProviderFor } from './credentials.js';
import { AwsError } from './errors.js';
import { loadProfiles, type ProfileInfo } from './profiles.js';

const dir = mkdtempSync(join(tmpdir(), 'porthole-creds-'));
const config = join(dir, 'config');
const credentials = join(dir, 'credentials');
const counter = join(dir, 'process-runs');
const goodScript = join(dir, 'good-creds.sh');
const badScript = join(dir, 'bad-creds.sh');
const waitingScript = join(dir, 'waiting-creds.sh');
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
  writeFileSync(config, `
[profile proc]
credential_process = ${goodScript}
[profile proc-broken]
credential_process = ${badScript}
[profile proc-waiting]
credential_process = ${waitingScript}
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

async function profile(name: string): Promise<ProfileInfo> {
  const { profiles } = await loadProfiles({ AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, HOME: dir });
  const p = profiles.find((x) => x.name === name);
  if (!p) throw new Error(`test profile ${name} missing`);
  return p;
}

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
    expect((err as AwsError).message).toBe('The credential_process of profile "proc-broken" failed.');
  });

  it('gives up on a credential_process that never finishes, in plain words, and runs it again on the next call', async () => {
    const provider = credentialProviderFor(await profile('proc-waiting'), { files, deadlineMs: 200 });
    const expected = { code: 'credential-process-failed', message: 'Getting the credentials of profile "proc-waiting" did not finish within 200 ms: its credential_process (or its source profile\'s) is still running.' };
    await expect(provider()).rejects.toMatchObject(expected);
    await expect(provider()).rejects.toMatchObject(expected);
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
