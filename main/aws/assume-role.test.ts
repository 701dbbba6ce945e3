// Assume-role with MFA against the sandbox's STS: the code comes from the injected provider and
// reaches AssumeRole, which accepts only the demo MFA device's code for the MFA-protected role;
// the assumed credentials then sign every later call (GetCallerIdentity names the role).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { AwsService } from './aws-service.js';
import { AwsWorkspace } from './workspace.js';

/** The demo world's MFA-protected role, its user's device and the one code that device accepts. */
const ROLE = 'arn:aws:iam::123456789012:role/porthole-admin';
const MFA_SERIAL = 'arn:aws:iam::123456789012:mfa/porthole-dev';
const MFA_CODE = '123456';
const ASSUMED = 'arn:aws:sts::123456789012:assumed-role/porthole-admin/porthole';

const dir = mkdtempSync(join(tmpdir(), 'porthole-mfa-'));
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ gateway: null });
  const endpoint = sandbox.endpoint;
  writeFileSync(
    join(dir, 'config'),
    `[profile base]\nregion = us-east-1\nendpoint_url = ${endpoint}\n\n` +
      `[profile admin]\nrole_arn = ${ROLE}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nrole_session_name = porthole\nregion = us-east-1\nendpoint_url = ${endpoint}\n`,
  );
  writeFileSync(join(dir, 'credentials'), `[base]\naws_access_key_id = ${sandbox.accessKeyId}\naws_secret_access_key = ${sandbox.secretAccessKey}\n`);
});
afterAll(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), HOME: dir });
const assumeCalls = () => sandbox.stats.byOperation['sts.AssumeRole'] ?? 0;

describe('assume-role with MFA', () => {
  it('asks for the code once, sends it to STS, and signs with the assumed role', async () => {
    const asked: Array<[string, string]> = [];
    const ws = new AwsWorkspace({ env: env(), mfaCodeProvider: async (serial, profile) => { asked.push([serial, profile]); return MFA_CODE; } });
    const before = assumeCalls();
    try {
      const profiles = await ws.profiles();
      expect(profiles.find((p) => p.name === 'admin')).toMatchObject({ kind: 'assume-role', mfaSerial: MFA_SERIAL });
      const session = await ws.open('admin');
      const who = await session.sts().send(new GetCallerIdentityCommand({}));
      session.ecs(); // another client of the same profile must not prompt again
      const again = await session.sts('us-west-2').send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe(ASSUMED);
      expect(again.Arn).toBe(ASSUMED);
      expect(asked).toEqual([[MFA_SERIAL, 'admin']]);
      expect(assumeCalls() - before).toBe(1);
    } finally {
      ws.closeAll();
    }
  });

  it('says in plain words that STS refused a wrong code', async () => {
    const ws = new AwsWorkspace({ env: env(), mfaCodeProvider: async () => '654321' });
    try {
      const session = await ws.open('admin');
      await expect(session.sts().send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ code: 'mfa-rejected', message: 'AWS did not accept the MFA code for profile "admin".' });
    } finally {
      ws.closeAll();
    }
  });

  it('fails in plain words when no MFA code can be asked for', async () => {
    const ws = new AwsWorkspace({ env: env() });
    try {
      const session = await ws.open('admin');
      await expect(session.sts().send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ code: 'mfa-required', message: 'Profile "admin" needs an MFA code and none was given.' });
    } finally {
      ws.closeAll();
    }
  });

  it('routes the prompt through AwsService events and respondMfa, as the contract does', async () => {
    const service: AwsService = new AwsService({
      env: env(),
      events: { mfaPrompt: (p) => setImmediate(() => service.mfa.respond({ action: 'code', promptId: p.promptId, code: MFA_CODE })) },
    });
    try {
      const { profiles } = await service.profiles();
      expect(profiles.find((p) => p.name === 'admin')?.needsMfa).toBe(true);
      const { checks } = await service.diagnose({ kind: 'instance', profile: 'admin', region: 'us-east-1', instanceId: 'i-0a1b2c3d4e5f60001' });
      expect(checks.map((c) => [c.id, c.status])).toEqual([['credentials', 'ok'], ['instance-state', 'ok'], ['ssm-registered', 'ok'], ['ping-status', 'ok'], ['agent-version', 'ok']]);
      expect(checks[0]?.cause).toBe(`Signed in as ${ASSUMED}.`);
    } finally {
      service.close();
    }
  });
});
