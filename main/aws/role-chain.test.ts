// Role profiles whose source_profile chain ends in a credential_process: the command runs under
// Porthole's runner (no stdin, ended with its children at the limit, errors naming the profiles),
// then each role is assumed against the sandbox's STS. Real shell scripts in a temp dir.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { allEnded, stuckHelperBody, stuckHelperRunning } from '../../testing/aws/stuck-helper.js';
import { profileIn } from '../../testing/aws/test-profiles.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { CREDENTIAL_PROCESS, type HelperRun } from './credential-process.js';
import { credentialProviderFor, type CredentialOptions } from './credentials.js';
import type { AwsError } from './errors.js';
import type { ProfileInfo } from './profiles.js';
import { PROCESS_LIMIT } from './credential-process-limit.js';
import { processChainOf, resolveProcessChain, type StsClientFactory } from './role-chain.js';

const ACCOUNT = '123456789012';
const READONLY = `arn:aws:iam::${ACCOUNT}:role/porthole-readonly`;
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/porthole-admin`;
const MFA_SERIAL = `arn:aws:iam::${ACCOUNT}:mfa/porthole-dev`;
const MFA_CODE = '123456';

const dir = mkdtempSync(join(tmpdir(), 'porthole-role-chain-'));
const config = join(dir, 'config');
const credentials = join(dir, 'credentials');
const stuckPids = join(dir, 'stuck-pids');
const files = { configFile: config, credentialsFile: credentials };
let sandbox: Sandbox;

/** Writes an executable shell script into the temp dir. */
function script(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

beforeAll(async () => {
  sandbox = await startSandbox({ gateway: null });
  const keys = `'{"Version":1,"AccessKeyId":"${sandbox.accessKeyId}","SecretAccessKey":"${sandbox.secretAccessKey}"}'`;
  // Asks for input first (a helper's "press enter"), then prints keys: it only finishes when stdin is closed.
  const readsStdin = script('reads-stdin.sh', `read answer\necho ${keys}`);
  // A helper stuck on a sign-in: records its pid and its child's, then waits on the child.
  const stuck = script('stuck.sh', stuckHelperBody(stuckPids));
  // A helper that takes a while (a hardware key touch) and then answers.
  const slow = script('slow.sh', `sleep 1\necho ${keys}`);
  const role = (name: string, arn: string, source: string, extra = ''): string => `[profile ${name}]\nrole_arn = ${arn}\nsource_profile = ${source}\nrole_session_name = porthole\n${extra}`;
  writeFileSync(config, [
    `[profile helper]\ncredential_process = ${readsStdin}\n`,
    `[profile helper-stuck]\ncredential_process = ${stuck}\n`,
    `[profile helper-slow]\ncredential_process = ${slow}\nporthole_credential_process_timeout = 30\n`,
    `[profile helper-bad-limit]\ncredential_process = ${readsStdin}\nporthole_credential_process_timeout = 2 minutes\n`,
    role('readonly', READONLY, 'helper'),
    role('deep', READONLY, 'readonly'),
    role('deep-stuck', READONLY, 'stuck-middle'),
    role('stuck-middle', READONLY, 'helper-stuck'),
    role('admin', ADMIN, 'helper', `mfa_serial = ${MFA_SERIAL}\n`),
    role('bad-limit', READONLY, 'helper-bad-limit'),
    role('over-keys', READONLY, 'keys'),
    role('over-env', READONLY, 'env-source'),
    `[profile env-source]\ncredential_source = Environment\ncredential_process = ${readsStdin}\n`,
    `[profile keys]\ncredential_process = ${readsStdin}\n`,
  ].join('\n'));
  writeFileSync(credentials, '[keys]\naws_access_key_id = AKIAKEYS\naws_secret_access_key = keys-secret\n');
});
afterAll(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

const profile = (name: string): Promise<ProfileInfo> => profileIn(files, dir, name);

const opts = (more: Partial<CredentialOptions> = {}): CredentialOptions => ({ files, stsClientConfig: { region: sandbox.region, endpoint: sandbox.endpoint, maxAttempts: 1 }, ...more });

/** Who the credentials are, asked of the sandbox's STS. */
async function whoIs(creds: Awaited<ReturnType<ReturnType<typeof credentialProviderFor>>>): Promise<string | undefined> {
  const sts = new STSClient({ region: sandbox.region, endpoint: sandbox.endpoint, credentials: creds });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    sts.destroy();
  }
}

describe('a role chain that ends in a credential_process', () => {
  it('runs the source command with no stdin and assumes the role with what it printed', async () => {
    const runs: HelperRun[] = [];
    const creds = await credentialProviderFor(await profile('readonly'), opts({ onHelper: (r) => runs.push(r) }))();
    expect(await whoIs(creds)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/porthole-readonly/porthole`);
    // The UI is told the opened profile waits on its source's command, and when that ends.
    expect(runs.map((r) => [r.profile, r.source, r.running])).toEqual([['readonly', 'helper', true], ['readonly', 'helper', false]]);
  });

  it('follows a chain two roles deep', async () => {
    const creds = await credentialProviderFor(await profile('deep'), opts())();
    expect(await whoIs(creds)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/porthole-readonly/porthole`);
  });

  it('asks for the MFA code of a role over a command, once, naming the opened profile', async () => {
    const asked: Array<[string, string]> = [];
    const creds = await credentialProviderFor(await profile('admin'), opts({ mfaCodeProvider: async (serial, p) => { asked.push([serial, p]); return MFA_CODE; } }))();
    expect(await whoIs(creds)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/porthole-admin/porthole`);
    expect(asked).toEqual([[MFA_SERIAL, 'admin']]);
  });

  it('words a wrong or missing MFA code of a role over a command as for any role profile', async () => {
    const wrong = (await credentialProviderFor(await profile('admin'), opts({ mfaCodeProvider: async () => '654321' }))().catch((e: unknown) => e)) as AwsError;
    expect(wrong).toMatchObject({ code: 'mfa-rejected', message: 'AWS did not accept the MFA code for profile "admin".' });
    const none = (await credentialProviderFor(await profile('admin'), opts())().catch((e: unknown) => e)) as AwsError;
    expect(none).toMatchObject({ code: 'mfa-required', message: 'Profile "admin" needs an MFA code and none was given.' });
  });

  it('ends a source command still running at the limit, with what it started, and names both profiles', async () => {
    rmSync(stuckPids, { force: true });
    // The limit (and the resolution's own clock) only pass once the helper and its child run:
    // under load a real 300 ms could pass before the shell even started its child.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const pending = credentialProviderFor(await profile('deep-stuck'), opts({ deadlineMs: 300 }))().catch((e: unknown) => e);
      const pids = await stuckHelperRunning(stuckPids);
      await vi.advanceTimersByTimeAsync(300);
      const err = (await pending) as AwsError;
      expect(err).toMatchObject({
        code: 'credential-process-failed',
        message: 'Getting the credentials of profile "deep-stuck" did not finish: the credential_process of its source profile "helper-stuck" was still running after 300 ms and has been stopped.',
        context: { profile: 'deep-stuck' },
      });
      expect(err.nextStep).toContain('porthole_credential_process_timeout = 5');
      expect(err.nextStep).toContain('profile "helper-stuck"');
      // SIGTERM went at the limit; the grace passes too, so anything left gets SIGKILL.
      await vi.advanceTimersByTimeAsync(CREDENTIAL_PROCESS.KILL_GRACE_MS);
      await allEnded(pids);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects a limit that is not a whole number of seconds in range, naming the profile', async () => {
    const err = (await credentialProviderFor(await profile('bad-limit'), opts())().catch((e: unknown) => e)) as AwsError;
    expect(err).toMatchObject({ code: 'config-invalid', message: 'Profile "helper-bad-limit" sets porthole_credential_process_timeout to something other than a whole number of seconds from 5 to 1800.' });
  });
});

describe('the credential_process limit a profile sets', () => {
  it('lets a helper that needs longer than the default finish within it, and says so while it runs', async () => {
    const runs: HelperRun[] = [];
    // The default here (300 ms) is far shorter than the helper takes; the profile allows 30 s.
    const creds = await credentialProviderFor(await profile('helper-slow'), { files, deadlineMs: 300, onHelper: (r) => runs.push(r) })();
    expect(creds.accessKeyId).toBe(sandbox.accessKeyId);
    expect(runs).toEqual([
      { profile: 'helper-slow', source: 'helper-slow', deadlineMs: 30_000, running: true },
      { profile: 'helper-slow', source: 'helper-slow', deadlineMs: 30_000, running: false },
    ]);
  });
});

/** The test's config and credentials files merged per profile, as the SDK reads them. */
async function parsedFiles(): Promise<Record<string, Record<string, string | undefined>>> {
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ filepath: credentials, configFilepath: config, ignoreCache: true });
  const parsed: Record<string, Record<string, string | undefined>> = {};
  for (const [k, v] of Object.entries(configFile)) parsed[k] = { ...v, ...credentialsFile[k] };
  for (const [k, v] of Object.entries(credentialsFile)) parsed[k] = { ...configFile[k], ...v };
  return parsed;
}

describe("a role chain's STS clients", () => {
  /** Resolves `name`'s chain with a factory that records each STS client made and whether it was destroyed. */
  async function resolveCounting(name: string, mfaCode?: string): Promise<{ made: number; destroyed: number; result: unknown }> {
    const chain = processChainOf(name, await parsedFiles());
    if (!chain) throw new Error(`test profile ${name} is not a chain over a command`);
    const made: STSClient[] = [];
    const destroyed = new Set<STSClient>();
    const stsClient: StsClientFactory = (c) => {
      const client = new STSClient(c);
      const destroy = client.destroy.bind(client);
      client.destroy = () => { destroyed.add(client); destroy(); };
      made.push(client);
      return client;
    };
    const result = await resolveProcessChain(chain, {
      profile: name,
      process: { defaultMs: PROCESS_LIMIT.DEFAULT_MS },
      stsClientConfig: { region: sandbox.region, endpoint: sandbox.endpoint, maxAttempts: 1 },
      stsClient,
      ...(mfaCode === undefined ? {} : { mfaCodeProvider: () => Promise.resolve(mfaCode) }),
    }).catch((e: unknown) => e);
    return { made: made.length, destroyed: made.filter((c) => destroyed.has(c)).length, result };
  }

  it('destroys the client of every link once its AssumeRole answered', async () => {
    const { made, destroyed, result } = await resolveCounting('deep');
    expect(result).toMatchObject({ accessKeyId: expect.any(String) });
    expect({ made, destroyed }).toEqual({ made: 2, destroyed: 2 });
    // A second resolution (a refresh) makes its own and leaves none behind either.
    expect(await resolveCounting('deep')).toMatchObject({ made: 2, destroyed: 2 });
  });

  it('destroys the client of a link whose AssumeRole failed (a wrong MFA code)', async () => {
    const { made, destroyed, result } = await resolveCounting('admin', '654321');
    expect(String(result)).toMatch(/MultiFactorAuthentication failed/);
    expect({ made, destroyed }).toEqual({ made: 1, destroyed: 1 });
  });
});

describe('processChainOf', () => {
  it('leaves to the SDK every chain that does not end in a command, reading a source profile as the SDK does', async () => {
    const parsed = await parsedFiles();
    // Static keys win over a command in the same source profile; credential_source too.
    expect(processChainOf('over-keys', parsed)).toBeNull();
    expect(processChainOf('over-env', parsed)).toBeNull();
    // Not a role profile.
    expect(processChainOf('helper', parsed)).toBeNull();
    expect(processChainOf('deep', parsed)).toMatchObject({ source: 'helper', links: [{ profile: 'readonly', roleArn: READONLY }, { profile: 'deep', roleArn: READONLY }] });
  });
});
