// Profiles are read from files written to a temp dir, through the SDK's own loader.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHAIN_PROFILE_NAME, ENV_PROFILE_NAME, loadProfiles, sharedFilePaths } from './profiles.js';

const dir = mkdtempSync(join(tmpdir(), 'porthole-profiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = join(dir, 'config');
const credentials = join(dir, 'credentials');
writeFileSync(config, `
[default]
region = us-east-1

[profile local]
region = eu-west-1
endpoint_url = http://127.0.0.1:4566
services = local-svcs

[services local-svcs]
ecs =
  endpoint_url = http://127.0.0.1:1111
ssm =
  endpoint_url = http://127.0.0.1:2222

[profile broken-services]
region = eu-west-1
services = nowhere

[profile corp-sso]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = us-west-2

[profile legacy-sso]
sso_start_url = https://legacy.awsapps.com/start
sso_region = eu-central-1
sso_account_id = 444455556666
sso_role_name = ReadOnly

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = default
mfa_serial = arn:aws:iam::123456789012:mfa/alice
region = ap-southeast-2

[profile vault]
credential_process = /usr/local/bin/vault-creds --account prod
region = us-east-2

[profile region-only]
region = sa-east-1
`);
writeFileSync(credentials, `
[default]
aws_access_key_id = AKIAEXAMPLEDEFAULT
aws_secret_access_key = secret-default

[keys-only]
aws_access_key_id = AKIAEXAMPLEKEYS
aws_secret_access_key = secret-keys
`);
const env = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, HOME: dir };

describe('loadProfiles', () => {
  it('lists every profile of both files, without section headers that are not profiles', async () => {
    const { profiles } = await loadProfiles(env);
    expect(profiles.map((p) => p.name)).toEqual(['default', 'admin', 'broken-services', 'corp-sso', 'keys-only', 'legacy-sso', 'local', 'region-only', 'vault']);
  });

  it('describes each kind of credentials and never carries a secret', async () => {
    const { profiles } = await loadProfiles(env);
    const by = Object.fromEntries(profiles.map((p) => [p.name, p]));
    expect(by.default).toMatchObject({ kind: 'static', files: ['config', 'credentials'], region: 'us-east-1', isDefault: true });
    expect(by['keys-only']).toMatchObject({ kind: 'static', files: ['credentials'], region: null, isDefault: false });
    expect(by.admin).toMatchObject({ kind: 'assume-role', roleArn: 'arn:aws:iam::123456789012:role/Admin', sourceProfile: 'default', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice', region: 'ap-southeast-2' });
    expect(by['corp-sso']).toMatchObject({ kind: 'sso', sso: { startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', accountId: '111122223333', roleName: 'Developer', session: 'corp' } });
    expect(by['legacy-sso']).toMatchObject({ kind: 'sso', sso: { startUrl: 'https://legacy.awsapps.com/start', region: 'eu-central-1', session: null } });
    expect(by.vault).toMatchObject({ kind: 'credential-process', region: 'us-east-2' });
    expect(by['region-only']).toMatchObject({ kind: 'none' });
    const text = JSON.stringify(profiles);
    for (const secret of ['secret-default', 'secret-keys', 'AKIAEXAMPLE', 'vault-creds']) expect(text).not.toContain(secret);
  });

  it('resolves endpoint_url and services sections per service', async () => {
    const { profiles } = await loadProfiles(env);
    const local = profiles.find((p) => p.name === 'local');
    expect(local?.endpoints).toEqual({
      ecs: { url: 'http://127.0.0.1:1111', source: 'services-section' },
      ssm: { url: 'http://127.0.0.1:2222', source: 'services-section' },
      ec2: { url: 'http://127.0.0.1:4566', source: 'profile' },
      kms: { url: 'http://127.0.0.1:4566', source: 'profile' },
      sts: { url: 'http://127.0.0.1:4566', source: 'profile' },
      iam: { url: 'http://127.0.0.1:4566', source: 'profile' },
      // IAM Identity Center's portal and OIDC follow the same rules (used by SSO sign-in and credentials).
      sso: { url: 'http://127.0.0.1:4566', source: 'profile' },
      sso_oidc: { url: 'http://127.0.0.1:4566', source: 'profile' },
    });
    expect(profiles.find((p) => p.name === 'default')?.endpoints).toEqual({});
    expect(profiles.find((p) => p.name === 'broken-services')?.problem).toMatch(/services section "nowhere"/);
  });

  it('lets AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, AWS_REGION and AWS_PROFILE override as the SDK does', async () => {
    const { profiles } = await loadProfiles({ ...env, AWS_ENDPOINT_URL_ECS: 'http://127.0.0.1:9999', AWS_ENDPOINT_URL: 'http://127.0.0.1:8888', AWS_REGION: 'ca-central-1', AWS_PROFILE: 'vault' });
    const local = profiles.find((p) => p.name === 'local');
    expect(local?.endpoints.ecs).toEqual({ url: 'http://127.0.0.1:9999', source: 'env-service' });
    expect(local?.endpoints.ssm).toEqual({ url: 'http://127.0.0.1:8888', source: 'env-global' });
    expect(profiles.filter((p) => p.isDefault).map((p) => p.name)).toEqual(['vault']);
    // AWS_REGION is the AWS_PROFILE session's setting: it applies to that profile only, and says so.
    expect(profiles.find((p) => p.name === 'vault')).toMatchObject({ region: 'ca-central-1', regionFromEnv: true });
    expect(local).toMatchObject({ region: 'eu-west-1', regionFromEnv: false });
    // A profile without a region of its own still falls back to the environment's.
    expect(profiles.find((p) => p.name === 'legacy-sso')).toMatchObject({ region: 'ca-central-1', regionFromEnv: true });
  });

  it('lists the AWS_PROFILE (or default) profile first, the rest by name', async () => {
    const named = (await loadProfiles({ ...env, AWS_PROFILE: 'vault' })).profiles.map((p) => p.name);
    expect(named[0]).toBe('vault');
    expect(named.slice(1)).toEqual([...named.slice(1)].sort());
    expect((await loadProfiles(env)).profiles[0]?.name).toBe('default');
  });

  it('honours the ignore_configured_endpoint_urls opt-out', async () => {
    const { profiles } = await loadProfiles({ ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' });
    expect(profiles.find((p) => p.name === 'local')?.endpoints).toEqual({});
  });

  it('adds environment credentials as a profile of their own', async () => {
    const { profiles } = await loadProfiles({ ...env, AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'env-secret', AWS_DEFAULT_REGION: 'eu-north-1' });
    const envProfile = profiles.find((p) => p.name === ENV_PROFILE_NAME);
    expect(envProfile).toMatchObject({ kind: 'environment', region: 'eu-north-1', files: [] });
    expect(JSON.stringify(profiles)).not.toContain('env-secret');
  });

  it('returns no profiles (not an error) when the files do not exist', async () => {
    const { profiles } = await loadProfiles({ AWS_CONFIG_FILE: join(dir, 'missing-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'missing-creds'), HOME: dir });
    expect(profiles).toEqual([]);
  });

  // The SDK reads these with `||` (@smithy/shared-ini-file-loader getConfigFilepath, getProfileName,
  // getHomeDir): an empty variable is unset, and the default applies.
  describe('empty variables, as the SDK reads them', () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(join(home, '.aws', 'config'), '[default]\nregion = us-east-1\n\n[profile home-only]\nregion = eu-west-3\n');
    writeFileSync(join(home, '.aws', 'credentials'), '[creds-only]\naws_access_key_id = AKIAHOME\naws_secret_access_key = s\n');

    it('an empty AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE means the file under the home folder', async () => {
      const loaded = await loadProfiles({ AWS_CONFIG_FILE: '', AWS_SHARED_CREDENTIALS_FILE: '', HOME: home });
      expect(loaded.files).toEqual({ configFile: join(home, '.aws', 'config'), credentialsFile: join(home, '.aws', 'credentials') });
      expect(loaded.profiles.map((p) => p.name)).toEqual(['default', 'creds-only', 'home-only']);
    });

    it('an empty HOME goes on to USERPROFILE, then HOMEDRIVE and HOMEPATH', () => {
      expect(sharedFilePaths({ HOME: '', USERPROFILE: home }).configFile).toBe(join(home, '.aws', 'config'));
      expect(sharedFilePaths({ HOME: '', USERPROFILE: '', HOMEDRIVE: '/drive', HOMEPATH: '/users/me' }).credentialsFile).toBe(join('/drive/users/me', '.aws', 'credentials'));
    });

    it('a leading ~/ in AWS_CONFIG_FILE is the home folder of the env given', async () => {
      const loaded = await loadProfiles({ AWS_CONFIG_FILE: '~/.aws/config', HOME: home });
      expect(loaded.files.configFile).toBe(join(home, '.aws', 'config'));
      expect(loaded.profiles.map((p) => p.name)).toContain('home-only');
    });

    it('an empty AWS_PROFILE selects default, and an empty AWS_REGION names no region', async () => {
      const { profiles } = await loadProfiles({ ...env, AWS_PROFILE: '', AWS_REGION: '', AWS_DEFAULT_REGION: 'eu-north-1' });
      expect(profiles[0]).toMatchObject({ name: 'default', isDefault: true, region: 'us-east-1', regionFromEnv: false });
      expect(profiles.find((p) => p.name === 'keys-only')).toMatchObject({ region: 'eu-north-1', regionFromEnv: true });
    });

    it('reads AWS_IGNORE_CONFIGURED_ENDPOINT_URLS as the SDK does: exactly true or false, else the profile decides', async () => {
      const local = async (value: string) => (await loadProfiles({ ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: value })).profiles.find((p) => p.name === 'local')?.endpoints;
      expect(await local('true')).toEqual({});
      expect(Object.keys(await local('false') ?? {})).toHaveLength(8);
      // Not a boolean: the SDK goes on to the profile's setting (none here), then false.
      expect(Object.keys(await local('') ?? {})).toHaveLength(8);
      expect(Object.keys(await local('TRUE') ?? {})).toHaveLength(8);
    });

    it('an empty env opt-out leaves the profile\'s own ignore_configured_endpoint_urls in force', async () => {
      const optOut = join(dir, 'opt-out-config');
      writeFileSync(optOut, '[default]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:4566\nignore_configured_endpoint_urls = true\n');
      const { profiles } = await loadProfiles({ AWS_CONFIG_FILE: optOut, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), HOME: dir, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: '' });
      expect(profiles[0]?.endpoints).toEqual({});
    });

    it('lists web identity from the environment only with AWS_ROLE_ARN too, as fromTokenFile needs', async () => {
      const none = { AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), HOME: dir, AWS_WEB_IDENTITY_TOKEN_FILE: join(dir, 'token') };
      expect((await loadProfiles(none)).profiles).toEqual([]);
      const withRole = await loadProfiles({ ...none, AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/Web' });
      expect(withRole.profiles.map((p) => p.name)).toEqual([CHAIN_PROFILE_NAME]);
    });
  });
});
