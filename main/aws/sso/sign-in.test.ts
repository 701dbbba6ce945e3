// SSO sign-in end to end against the sandbox's IAM Identity Center: Porthole's OIDC device flow
// (authorization_pending until the code is approved on the verification page, then a token in
// the AWS CLI's cache that the SDK's SSO provider uses), cancel, and the login shared both ways
// with the installed AWS CLI v2 (`aws sso login` against the sandbox, and the CLI using Porthole's).
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SsoPrompt } from '../../../shared/contract/auth.js';
import { SSO_SANDBOX } from '../../sandbox/api/sso/sso-state.js';
import { SANDBOX, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { AwsService } from '../aws-service.js';

const run = promisify(execFile);
/** Python start-up on a loaded 2-core box. */
const CLI_TIMEOUT_MS = 120_000;

let sb: Sandbox;
let home: string;
let aws: AwsService;
const prompts: SsoPrompt[] = [];
const cacheFile = () => join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(sb.sso.startUrl).digest('hex')}.json`);

/** What a person does on the verification page: open it, check the code, press Allow. */
async function approve(p: { verificationUriComplete: string; userCode: string }): Promise<void> {
  const page = await (await fetch(p.verificationUriComplete)).text();
  expect(page).toContain(p.userCode);
  const url = new URL(p.verificationUriComplete);
  const res = await fetch(new URL('/sso/device/approve', url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url.origin }, body: `user_code=${encodeURIComponent(p.userCode)}` });
  expect(await res.text()).toContain('Request approved');
}

async function until<T>(probe: () => T | undefined, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'porthole-sso-home-'));
  // The SDK and the CLI both find the token cache under HOME.
  process.env['HOME'] = home;
  sb = await startSandbox({ gateway: null });
  aws = new AwsService({ env: { ...sb.awsEnv, HOME: home }, events: { ssoPrompt: (p) => prompts.push(p) } });
  await aws.profiles();
});
beforeEach(() => {
  prompts.length = 0;
  rmSync(join(home, '.aws'), { recursive: true, force: true });
  aws.workspace.close(SANDBOX.ssoProfile);
});
afterAll(async () => {
  aws.close();
  await sb.stop();
  rmSync(home, { recursive: true, force: true });
});

async function listClusters(): Promise<string[]> {
  const session = await aws.workspace.open(SANDBOX.ssoProfile);
  return (await session.ecs().send(new ListClustersCommand({}))).clusterArns ?? [];
}

describe('SSO sign-in in the app', () => {
  it('needs a sign-in first, then polls through authorization_pending and caches the token where the CLI does', async () => {
    await expect(listClusters()).rejects.toMatchObject({ code: 'sso-login-required' });
    aws.workspace.close(SANDBOX.ssoProfile);

    const pendingBefore = sb.sso.pendingAnswers;
    const signedIn = aws.ssoSignIn(SANDBOX.ssoProfile);
    const prompt = await until(() => prompts[0], 'the sign-in prompt');
    expect(prompt).toMatchObject({ profile: SANDBOX.ssoProfile, userCode: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/), verificationUri: `${sb.endpoint}/sso/device` });
    await until(() => (sb.sso.pendingAnswers > pendingBefore ? true : undefined), 'a CreateToken answered authorization_pending');
    await approve(prompt);
    const expiresAt = await signedIn;
    expect(expiresAt).toBeGreaterThan(Date.now());

    const cached = JSON.parse(readFileSync(cacheFile(), 'utf8')) as Record<string, string>;
    expect(Object.keys(cached).sort()).toEqual(['accessToken', 'expiresAt', 'region', 'startUrl']);
    expect(cached).toMatchObject({ startUrl: sb.sso.startUrl, region: sb.region, expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
    expect(statSync(cacheFile()).mode & 0o777).toBe(0o600);
    // The SDK's SSO provider takes it from there (GetRoleCredentials on the sandbox portal).
    expect((await listClusters()).length).toBeGreaterThan(0);
  });

  it('can be cancelled while waiting for the person', async () => {
    const signedIn = aws.ssoSignIn(SANDBOX.ssoProfile);
    const prompt = await until(() => prompts[0], 'the sign-in prompt');
    expect(aws.sso.cancel(prompt.signInId)).toBe(true);
    await expect(signedIn).rejects.toMatchObject({ message: `The SSO sign-in of profile "${SANDBOX.ssoProfile}" was cancelled.` });
  });
});

describe('the login is shared with the AWS CLI v2', () => {
  const cliEnv = () => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
    return { ...clean, ...sb.awsEnv, HOME: home, AWS_PAGER: '' };
  };

  it('aws sso login against the sandbox signs Porthole in too', async () => {
    const cli = spawn('/usr/bin/aws', ['sso', 'login', '--profile', SANDBOX.ssoProfile, '--no-browser'], { env: cliEnv() });
    let out = '';
    cli.stdout.on('data', (c: Buffer) => (out += c.toString()));
    cli.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => cli.once('exit', resolve));
    const code = await until(() => /([A-Z]{4}-[A-Z]{4})/.exec(out)?.[1], `the CLI's user code in:\n${out}`, CLI_TIMEOUT_MS / 2);
    expect(out).toContain(`${sb.endpoint}/sso/device`);
    await approve({ verificationUriComplete: `${sb.endpoint}/sso/device?user_code=${code}`, userCode: code });
    expect(await exited, out).toBe(0);
    expect(out).toContain('Successfully logged into Start URL');
    expect(JSON.parse(readFileSync(cacheFile(), 'utf8'))).toMatchObject({ startUrl: sb.sso.startUrl });
    expect((await listClusters()).length).toBeGreaterThan(0);
  }, CLI_TIMEOUT_MS);

  it('the CLI uses the login Porthole made', async () => {
    const signedIn = aws.ssoSignIn(SANDBOX.ssoProfile);
    await approve(await until(() => prompts[0], 'the sign-in prompt'));
    await signedIn;
    const { stdout } = await run('/usr/bin/aws', ['--profile', SANDBOX.ssoProfile, '--endpoint-url', sb.endpoint, 'sts', 'get-caller-identity', '--output', 'json'], { env: cliEnv() });
    expect(JSON.parse(stdout)).toMatchObject({ Arn: expect.stringContaining(`assumed-role/AWSReservedSSO_${SSO_SANDBOX.roleName}_`) });
  }, CLI_TIMEOUT_MS);
});
