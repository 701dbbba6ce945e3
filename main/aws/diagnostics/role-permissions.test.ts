// The IAM policy simulator over a loopback IAM (Query protocol, XML), and the rule built on it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsError } from '../errors.js';
import { AwsWorkspace } from '../workspace.js';
import { ecsChecks } from './ecs-rules.js';
import { simulateRole } from './role-permissions.js';
import type { EcsFacts } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'porthole-iam-'));
let server: Server;
/** Roles whose policies allow only the control channel (the classic half-configured role). */
const HALF_ROLE = 'arn:aws:iam::123456789012:role/half';

function result(action: string, decision: string): string {
  return `<member><EvalActionName>${action}</EvalActionName><EvalResourceName>*</EvalResourceName><EvalDecision>${decision}</EvalDecision></member>`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const actions = [...form.entries()].filter(([k]) => k.startsWith('ActionNames.member.')).map(([, v]) => v);
      const half = form.get('PolicySourceArn') === HALF_ROLE;
      const members = actions.map((a) => result(a, !half || a.includes('ControlChannel') ? 'allowed' : 'implicitDeny')).join('');
      res.setHeader('content-type', 'text/xml');
      res.end(`<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated><EvaluationResults>${members}</EvaluationResults></SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  writeFileSync(join(dir, 'config'), `[profile p]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
  writeFileSync(join(dir, 'credentials'), '[p]\naws_access_key_id = AKIAIAM\naws_secret_access_key = s\n');
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('task role permissions', () => {
  it('lists the ssmmessages actions the simulator denies', async () => {
    const ws = new AwsWorkspace({ env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), HOME: dir } });
    try {
      const s = await ws.open('p');
      expect(await simulateRole(s, 'us-east-1', 'arn:aws:iam::123456789012:role/good')).toEqual({ roleArn: 'arn:aws:iam::123456789012:role/good', denied: [] });
      expect((await simulateRole(s, 'us-east-1', HALF_ROLE)).denied).toEqual(['ssmmessages:CreateDataChannel', 'ssmmessages:OpenDataChannel']);
    } finally {
      ws.closeAll();
    }
  });

  it('fails the check naming the denied actions, and warns when it cannot be read', () => {
    const base: EcsFacts = {
      containerName: 'app',
      identity: { ok: true, value: 'me' },
      task: { ok: true, value: null },
      cluster: { ok: true, value: null },
    };
    const task = { arn: 't', id: 't', clusterArn: 'c', serviceName: null, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', launchType: 'FARGATE', platformVersion: '1.4.0', platformFamily: 'Linux', execEnabled: true, taskDefinitionArn: null, containerInstanceArn: null, startedAt: null, stoppedReason: null, containers: [{ name: 'app', runtimeId: 'r', lastStatus: 'RUNNING', image: null, execAgent: { status: 'RUNNING', reason: null } }] };
    const denied = ecsChecks({ ...base, task: { ok: true, value: task }, rolePermissions: { ok: true, value: { roleArn: HALF_ROLE, denied: ['ssmmessages:OpenDataChannel'] } } });
    expect(denied.find((c) => c.id === 'task-role-permissions')).toMatchObject({ status: 'fail', cause: expect.stringContaining('may not call ssmmessages:OpenDataChannel') });
    const unread = ecsChecks({ ...base, task: { ok: true, value: task }, rolePermissions: { ok: false, error: new AwsError({ code: 'access-denied', sentence: 'AWS denied iam:SimulatePrincipalPolicy.', nextStep: 'x' }) } });
    expect(unread.find((c) => c.id === 'task-role-permissions')).toMatchObject({ status: 'warn', cause: "Could not check the task role's permissions: AWS denied iam:SimulatePrincipalPolicy." });
  });
});
