// MFA through the router: an assume-role profile with mfa_serial raises `auth.mfaPrompt` to the
// windows, the code answered with `auth.respondMfa` reaches STS AssumeRole (a loopback STS here),
// and the waiting call carries on signed with the assumed role. Real-AWS mode (no sandbox).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MfaPrompt } from '../../shared/contract/index.js';
import { startPorthole, type PortholeApp } from '../composition/porthole.js';
import { eventually, TestClient } from '../../testing/composition/test-client.js';

let dir: string;
let server: Server;
let app: PortholeApp;
let c: TestClient;
const tokenCodes: string[] = [];

const xml = (action: string, inner: string) =>
  `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const params = new URLSearchParams(body);
      res.setHeader('content-type', 'text/xml');
      if (params.get('Action') === 'AssumeRole') {
        tokenCodes.push(params.get('TokenCode') ?? '');
        const expiry = new Date(Date.now() + 3600_000).toISOString();
        res.end(xml('AssumeRole', `<Credentials><AccessKeyId>ASIAASSUMED</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>${expiry}</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/Admin/porthole</Arn><AssumedRoleId>AROA:porthole</AssumedRoleId></AssumedRoleUser>`));
      } else if (params.get('Action') === 'GetCallerIdentity') {
        const assumed = (req.headers.authorization ?? '').includes('ASIAASSUMED');
        res.end(xml('GetCallerIdentity', `<Arn>${assumed ? 'arn:aws:sts::123456789012:assumed-role/Admin/porthole' : 'arn:aws:iam::123456789012:user/base'}</Arn><UserId>u</UserId><Account>123456789012</Account>`));
      } else {
        res.statusCode = 400;
        res.end('<ErrorResponse><Error><Code>InvalidAction</Code><Message>not here</Message></Error></ErrorResponse>');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'porthole-auth-'));
  await writeFile(join(dir, 'config'), `[profile base]\nregion = us-east-1\nendpoint_url = ${endpoint}\n\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\nrole_session_name = porthole\nregion = us-east-1\nendpoint_url = ${endpoint}\n`);
  await writeFile(join(dir, 'credentials'), '[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n');
  app = await startPorthole({
    host: 'web',
    version: '0.0.0-test',
    dataDir: dir,
    env: { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
    log: () => undefined,
  });
  c = new TestClient(app.router);
});
afterAll(async () => {
  c.close();
  await app.close();
  await new Promise<void>((r) => server.close(() => r()));
  await rm(dir, { recursive: true, force: true });
});

describe('auth service', () => {
  it('runs against real AWS configuration when profiles exist: no sandbox', async () => {
    expect((await c.call('app', 'info', {})).sandbox).toEqual({ active: false, endpoint: null, shells: null });
    const { profiles, credentialsFound, sandboxOffered } = await c.call('inventory', 'profiles', {});
    expect({ credentialsFound, sandboxOffered }).toEqual({ credentialsFound: true, sandboxOffered: false });
    expect(profiles.find((p) => p.name === 'admin')).toEqual({ name: 'admin', source: 'config', defaultRegion: 'us-east-1', needsMfa: true });
  });

  it('asks the windows for an MFA code and continues with the assumed role once answered', async () => {
    const target = { kind: 'instance' as const, profile: 'admin', region: 'us-east-1', instanceId: 'i-0123456789abcdef0' };
    const running = c.call('diagnostics', 'run', { target });
    await eventually('an MFA prompt', () => c.eventsOf('auth', 'mfaPrompt').length > 0);
    const prompt = c.eventsOf('auth', 'mfaPrompt')[0] as MfaPrompt;
    expect(prompt).toMatchObject({ profile: 'admin', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice', roleArn: 'arn:aws:iam::123456789012:role/Admin' });
    expect(await c.call('auth', 'respondMfa', { action: 'code', promptId: prompt.promptId, code: '654321' })).toEqual({ accepted: true });
    expect(await c.call('auth', 'respondMfa', { action: 'code', promptId: prompt.promptId, code: '654321' })).toEqual({ accepted: false });
    const { checks } = await running;
    expect(tokenCodes).toEqual(['654321']);
    expect(checks.find((x) => x.id === 'credentials')).toMatchObject({ status: 'ok', cause: expect.stringContaining('assumed-role/Admin') });
  });

  it('says a prompt nobody raised was not accepted, and refuses a malformed code', async () => {
    expect(await c.call('auth', 'respondMfa', { action: 'cancel', promptId: 'mfa-unknown' })).toEqual({ accepted: false });
    await expect(c.call('auth', 'respondMfa', { action: 'code', promptId: 'x', code: '12' })).rejects.toMatchObject({ code: 'invalid_params' });
  });
});
