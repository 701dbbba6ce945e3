/**
 * The sandbox's IAM Identity Center is no way around its SigV4 gate: a local caller who cannot
 * read the sandbox's 0600 config file (so does not know this run's start URL) cannot start a
 * device sign-in, approve it itself and take role credentials from the portal.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../index.js';
import { SSO_SANDBOX, SsoState } from './sso-state.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

async function postJson(sb: Sandbox, path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(new URL(path, sb.endpoint), { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** What a caller without the config file does: every step it can take without a secret. */
async function signInWith(sb: Sandbox, startUrl: string): Promise<{ authorize: number; error?: unknown; credentials?: number }> {
  const client = await postJson(sb, '/client/register', { clientName: 'intruder', clientType: 'public' });
  const { clientId, clientSecret } = client.json;
  const device = await postJson(sb, '/device_authorization', { clientId, clientSecret, startUrl });
  if (device.status !== 200) return { authorize: device.status, error: device.json['error'] };
  const userCode = String(device.json['userCode']);
  await fetch(new URL('/sso/device/approve', sb.endpoint), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `user_code=${userCode}` });
  const token = await postJson(sb, '/token', { clientId, clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.json['deviceCode'] });
  const portal = new URL('/federation/credentials', sb.endpoint);
  portal.searchParams.set('account_id', sb.world.defaultAccount.id);
  portal.searchParams.set('role_name', 'PortholeDeveloper');
  const creds = await fetch(portal, { headers: { 'x-amz-sso_bearer_token': String(token.json['accessToken']) } });
  return { authorize: device.status, credentials: creds.status };
}

describe('sandbox SSO sign-in needs the run’s start URL', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ gateway: null });
  });
  afterAll(async () => {
    await sb.stop();
  });

  it('refuses a device authorization for any other start URL, so no role credentials come out', async () => {
    for (const startUrl of ['https://porthole-sandbox.awsapps.com/start', 'https://anything.awsapps.com/start']) {
      expect(await signInWith(sb, startUrl)).toEqual({ authorize: 400, error: 'invalid_request' });
    }
  });

  it('signs in with the start URL of the config file (0600), whose page does not show it', async () => {
    const config = readFileSync(sb.configFile, 'utf8');
    const startUrl = /sso_start_url = (\S+)/.exec(config)?.[1] ?? '';
    expect(startUrl).toBe(sb.sso.startUrl);
    const client = await postJson(sb, '/client/register', { clientName: 'porthole', clientType: 'public' });
    const device = await postJson(sb, '/device_authorization', { clientId: client.json['clientId'], clientSecret: client.json['clientSecret'], startUrl });
    expect(device.status).toBe(200);
    const page = await (await fetch(String(device.json['verificationUriComplete']))).text();
    expect(page).toContain(String(device.json['userCode']));
    expect(page).not.toContain(startUrl);
    expect(await signInWith(sb, startUrl)).toEqual({ authorize: 200, credentials: 200 });
  });

  it('makes a new start URL for each run', async () => {
    const other = await startSandbox({ gateway: null });
    try {
      expect(other.sso.startUrl).not.toBe(sb.sso.startUrl);
    } finally {
      await other.stop();
    }
  });
});

describe('sandbox SSO client registrations', () => {
  it('keeps a bounded number (RegisterClient needs no secret), dropping the oldest', () => {
    const sso = new SsoState();
    const first = sso.registerClient();
    let last = first;
    for (let i = 0; i < SSO_SANDBOX.maxClients + 50; i++) last = sso.registerClient();
    expect(sso.clientCount).toBe(SSO_SANDBOX.maxClients);
    expect(sso.validClient(last.clientId, last.clientSecret)).toBe(true);
    expect(sso.validClient(first.clientId, first.clientSecret)).toBe(false);
  });
});
