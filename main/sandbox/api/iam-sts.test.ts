// IAM's policy simulator and STS AssumeRole (with MFA) through the SDK v3 clients, over the
// Query protocol, against the demo world's roles and MFA device.
import { IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { apiSandbox, clientConfig } from '../../../testing/sandbox/api/test-helpers.js';

const ACCOUNT = '123456789012';
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const MFA = `arn:aws:iam::${ACCOUNT}:mfa/porthole-dev`;
const CHANNEL_ACTIONS = ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'];

describe('IAM SimulatePrincipalPolicy', () => {
  let sb: Sandbox;
  let iam: IAMClient;
  beforeAll(async () => {
    sb = await apiSandbox();
    iam = new IAMClient({ ...clientConfig(sb), maxAttempts: 1 });
  });
  afterAll(async () => {
    iam.destroy();
    await sb.stop();
  });

  const decisions = async (source: string, actions: string[], resources?: string[]) => {
    const out = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: source, ActionNames: actions, ...(resources ? { ResourceArns: resources } : {}) }));
    expect(out.IsTruncated).toBe(false);
    return (out.EvaluationResults ?? []).map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision]);
  };

  it('allows wildcard and listed actions, and denies what a role lacks', async () => {
    expect(await decisions(role('web-task'), CHANNEL_ACTIONS)).toEqual(CHANNEL_ACTIONS.map((a) => [a, '*', 'allowed']));
    expect(await decisions(role('api-task'), CHANNEL_ACTIONS)).toEqual(CHANNEL_ACTIONS.map((a) => [a, '*', 'allowed']));
    expect(await decisions(role('reporter-task'), CHANNEL_ACTIONS)).toEqual([
      ['ssmmessages:CreateControlChannel', '*', 'allowed'],
      ['ssmmessages:CreateDataChannel', '*', 'implicitDeny'],
      ['ssmmessages:OpenControlChannel', '*', 'allowed'],
      ['ssmmessages:OpenDataChannel', '*', 'implicitDeny'],
    ]);
  });

  it('lets an explicit deny win over an allow, matches case-insensitively and per resource', async () => {
    const task = `arn:aws:ecs:us-east-1:${ACCOUNT}:task/demo-web/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001`;
    expect(await decisions(role('porthole-readonly'), ['ecs:DescribeTasks', 'ECS:listclusters', 'ecs:ExecuteCommand'], [task, '*'])).toEqual([
      ['ecs:DescribeTasks', task, 'allowed'],
      ['ecs:DescribeTasks', '*', 'allowed'],
      ['ECS:listclusters', task, 'allowed'],
      ['ECS:listclusters', '*', 'allowed'],
      ['ecs:ExecuteCommand', task, 'explicitDeny'],
      ['ecs:ExecuteCommand', '*', 'explicitDeny'],
    ]);
    expect(await decisions(`arn:aws:iam::${ACCOUNT}:user/porthole-dev`, ['ecs:ExecuteCommand'])).toEqual([['ecs:ExecuteCommand', '*', 'allowed']]);
  });

  it('answers unknown roles with NoSuchEntity and malformed ARNs with InvalidInput', async () => {
    await expect(decisions(role('ghost'), CHANNEL_ACTIONS)).rejects.toMatchObject({ name: 'NoSuchEntityException', message: 'The role with name ghost cannot be found.', $metadata: { httpStatusCode: 404 } });
    await expect(decisions('arn:aws:iam::999999999999:role/web-task', CHANNEL_ACTIONS)).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    await expect(decisions('not-an-arn', CHANNEL_ACTIONS)).rejects.toMatchObject({ name: 'InvalidInputException', message: 'ARN not-an-arn is not valid.' });
  });
});

describe('STS AssumeRole', () => {
  let sb: Sandbox;
  let sts: STSClient;
  beforeAll(async () => {
    sb = await apiSandbox();
    sts = new STSClient({ ...clientConfig(sb), maxAttempts: 1 });
  });
  afterAll(async () => {
    sts.destroy();
    await sb.stop();
  });

  const assume = (name: string, extra: { SerialNumber?: string; TokenCode?: string; DurationSeconds?: number } = {}) =>
    sts.send(new AssumeRoleCommand({ RoleArn: role(name), RoleSessionName: 'porthole-test', ...extra }));

  it('returns temporary credentials that then act as the assumed role', async () => {
    const out = await assume('porthole-readonly', { DurationSeconds: 900 });
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/porthole-readonly/porthole-test`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[0-9A-F]{17}:porthole-test$/);
    const c = out.Credentials;
    expect(c?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(c?.SecretAccessKey).toHaveLength(40);
    expect(c?.SessionToken?.length).toBeGreaterThan(100);
    const ttl = (c?.Expiration?.getTime() ?? 0) - Date.now();
    expect(ttl).toBeGreaterThan(800_000);
    expect(ttl).toBeLessThanOrEqual(900_000);
    const assumed = new STSClient({ endpoint: sb.endpoint, region: sb.region, credentials: { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' } });
    try {
      const who = await assumed.send(new GetCallerIdentityCommand({}));
      expect(who).toMatchObject({ Arn: out.AssumedRoleUser?.Arn, UserId: out.AssumedRoleUser?.AssumedRoleId, Account: ACCOUNT });
    } finally {
      assumed.destroy();
    }
  });

  it('demands the MFA device and its current code when the role requires MFA', async () => {
    const denied = `User: arn:aws:iam::${ACCOUNT}:user/porthole-dev is not authorized to perform: sts:AssumeRole on resource: ${role('porthole-admin')}`;
    await expect(assume('porthole-admin')).rejects.toMatchObject({ name: 'AccessDenied', message: denied, $metadata: { httpStatusCode: 403 } });
    await expect(assume('porthole-admin', { SerialNumber: MFA, TokenCode: '654321' })).rejects.toMatchObject({ name: 'AccessDenied', message: expect.stringContaining('invalid MFA one time pass code') });
    await expect(assume('porthole-admin', { SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/someone-else`, TokenCode: '123456' })).rejects.toMatchObject({ name: 'AccessDenied', message: expect.stringContaining('unable to validate MFA code') });
    await expect(assume('porthole-admin', { SerialNumber: MFA, TokenCode: '12ab' })).rejects.toMatchObject({ name: 'ValidationError' });
    const ok = await assume('porthole-admin', { SerialNumber: MFA, TokenCode: '123456' });
    expect(ok.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/porthole-admin/porthole-test`);
  });

  it('refuses unknown roles like forbidden ones, bad session names and durations beyond the role maximum', async () => {
    await expect(assume('ghost')).rejects.toMatchObject({ name: 'AccessDenied', message: expect.stringContaining(`on resource: ${role('ghost')}`) });
    await expect(sts.send(new AssumeRoleCommand({ RoleArn: role('web-task'), RoleSessionName: 'x' }))).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(assume('web-task', { DurationSeconds: 7200 })).rejects.toMatchObject({ name: 'ValidationError', message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.' });
    await expect(assume('web-task', { DurationSeconds: 60 })).rejects.toMatchObject({ name: 'ValidationError' });
  });
});
