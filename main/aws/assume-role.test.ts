// Assume-role with MFA: the code comes from the injected provider and reaches STS AssumeRole,
// which a loopback STS (Query protocol, XML) answers. The profile's endpoint_url routes STS there.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsService } from './aws-service.js';
import { AwsWorkspace } from './workspace.js';

const dir = mkdtempSync(join(tmpdir(), 'porthole-mfa-'));
let server: Server;
const requests: URLSearchParams[] = [];

function assumeRoleXml(expiry: Date): string {
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>ASIAASSUMED</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey><SessionToken>assumed-token</SessionToken><Expiration>${expiry.toISOString()}</Expiration></Credentials>
<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/Admin/porthole</Arn><AssumedRoleId>AROA:porthole</AssumedRoleId></AssumedRoleUser>
</AssumeRoleResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></AssumeRoleResponse>`;
}

function callerXml(arn: string): string {
  return `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AROA:porthole</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const params = new URLSearchParams(body);
      requests.push(params);
      const auth = req.headers.authorization ?? '';
      res.setHeader('content-type', 'text/xml');
      if (params.get('Action') === 'AssumeRole') res.end(assumeRoleXml(new Date(Date.now() + 3600_000)));
      // Echo which key signed the call, so the test sees the assumed credentials were used.
      else res.end(callerXml(auth.includes('ASIAASSUMED') ? 'arn:aws:sts::123456789012:assumed-role/Admin/porthole' : 'arn:aws:iam::123456789012:user/base'));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeFileSync(join(dir, 'config'), `[profile base]\nregion = us-east-1\nendpoint_url = ${endpoint}\n\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\nrole_session_name = porthole\nregion = us-east-1\nendpoint_url = ${endpoint}\n`);
  writeFileSync(join(dir, 'credentials'), '[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n');
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), HOME: dir });

describe('assume-role with MFA', () => {
  it('asks for the code once, sends it to STS, and signs with the assumed role', async () => {
    const asked: Array<[string, string]> = [];
    const ws = new AwsWorkspace({ env: env(), mfaCodeProvider: async (serial, profile) => { asked.push([serial, profile]); return '123456'; } });
    try {
      const profiles = await ws.profiles();
      expect(profiles.find((p) => p.name === 'admin')).toMatchObject({ kind: 'assume-role', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice' });
      const session = await ws.open('admin');
      const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
      const who = await session.sts().send(new GetCallerIdentityCommand({}));
      await session.ecs(); // another client of the same profile must not prompt again
      const again = await session.sts('us-west-2').send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe('arn:aws:sts::123456789012:assumed-role/Admin/porthole');
      expect(again.Arn).toBe(who.Arn);
      expect(asked).toEqual([['arn:aws:iam::123456789012:mfa/alice', 'admin']]);
      const assume = requests.filter((r) => r.get('Action') === 'AssumeRole');
      expect(assume).toHaveLength(1);
      expect(assume[0]?.get('SerialNumber')).toBe('arn:aws:iam::123456789012:mfa/alice');
      expect(assume[0]?.get('TokenCode')).toBe('123456');
      expect(assume[0]?.get('RoleArn')).toBe('arn:aws:iam::123456789012:role/Admin');
    } finally {
      ws.closeAll();
    }
  });

  it('fails in plain words when no MFA code can be asked for', async () => {
    const ws = new AwsWorkspace({ env: env() });
    try {
      const session = await ws.open('admin');
      const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
      await expect(session.sts().send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ code: 'mfa-required', message: 'Profile "admin" needs an MFA code and none was given.' });
    } finally {
      ws.closeAll();
    }
  });

  it('routes the prompt through AwsService events and respondMfa, as the contract does', async () => {
    const service: AwsService = new AwsService({
      env: env(),
      events: { mfaPrompt: (p) => setImmediate(() => service.mfa.respond({ action: 'code', promptId: p.promptId, code: '777777' })) },
    });
    try {
      const { profiles } = await service.profiles();
      expect(profiles.find((p) => p.name === 'admin')?.needsMfa).toBe(true);
      const { checks } = await service.diagnose({ kind: 'instance', profile: 'admin', region: 'us-east-1', instanceId: 'i-0123456789abcdef0' });
      expect(checks[0]).toMatchObject({ id: 'credentials', status: 'ok', cause: 'Signed in as arn:aws:sts::123456789012:assumed-role/Admin/porthole.' });
      expect(requests.filter((r) => r.get('Action') === 'AssumeRole').at(-1)?.get('TokenCode')).toBe('777777');
    } finally {
      service.close();
    }
  });
});
