// SSM DescribeSessions against the sandbox: Active then History as sessions end, its filters and
// paging, through the SDK and through the installed AWS CLI v2 (its users call it).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DescribeSessionsCommand, SSMClient, StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { apiSandbox, clientConfig, rawJson } from '../../../testing/sandbox/api/test-helpers.js';

const run = promisify(execFile);
const INSTANCE = 'i-0a1b2c3d4e5f60002';
/** A Python CLI start costs seconds on a loaded 2-core box. */
const CLI_TIMEOUT_MS = 120_000;

let sb: Sandbox;
let ssm: SSMClient;
beforeAll(async () => {
  sb = await apiSandbox();
  ssm = new SSMClient({ ...clientConfig(sb), maxAttempts: 1 });
});
afterAll(async () => {
  ssm.destroy();
  await sb.stop();
});

describe('DescribeSessions', () => {
  it('lists a started session as Active and, once terminated, as History with an end date', async () => {
    const { SessionId } = await ssm.send(new StartSessionCommand({ Target: INSTANCE }));
    const active = await ssm.send(new DescribeSessionsCommand({ State: 'Active' }));
    expect(active.Sessions?.map((s) => [s.SessionId, s.Target, s.Status])).toEqual([[SessionId, INSTANCE, 'Connecting']]);
    expect(active.Sessions?.[0]?.Owner).toBe('arn:aws:iam::123456789012:user/porthole-dev');
    expect(active.Sessions?.[0]?.StartDate).toBeInstanceOf(Date);

    await ssm.send(new TerminateSessionCommand({ SessionId }));
    expect((await ssm.send(new DescribeSessionsCommand({ State: 'Active' }))).Sessions).toEqual([]);
    const history = await ssm.send(new DescribeSessionsCommand({ State: 'History' }));
    expect(history.Sessions?.map((s) => [s.SessionId, s.Status])).toEqual([[SessionId, 'Terminated']]);
    expect(history.Sessions?.[0]?.EndDate?.getTime()).toBeGreaterThanOrEqual(history.Sessions?.[0]?.StartDate?.getTime() ?? Infinity);
  });

  it('filters by target and session id, and pages', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await ssm.send(new StartSessionCommand({ Target: INSTANCE }))).SessionId);
    const first = await ssm.send(new DescribeSessionsCommand({ State: 'Active', MaxResults: 2 }));
    expect(first.Sessions).toHaveLength(2);
    const second = await ssm.send(new DescribeSessionsCommand({ State: 'Active', MaxResults: 2, NextToken: first.NextToken }));
    expect([...(first.Sessions ?? []), ...(second.Sessions ?? [])].map((s) => s.SessionId).sort()).toEqual([...ids].sort());
    const one = await ssm.send(new DescribeSessionsCommand({ State: 'Active', Filters: [{ key: 'SessionId', value: ids[1] }] }));
    expect(one.Sessions?.map((s) => s.SessionId)).toEqual([ids[1]]);
    expect((await ssm.send(new DescribeSessionsCommand({ State: 'Active', Filters: [{ key: 'Target', value: 'i-0000000000000000f' }] }))).Sessions).toEqual([]);
    await expect(ssm.send(new DescribeSessionsCommand({ State: 'Everything' as 'Active' }))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('refuses a filter key or value that is not a string, where it used to match "[object Object]"', async () => {
    const objectValue = await rawJson(sb, 'AmazonSSM.DescribeSessions', JSON.stringify({ State: 'Active', Filters: [{ key: 'Target', value: { id: INSTANCE } }] }));
    expect(objectValue).toMatchObject({ status: 400, errorType: 'ValidationException' });
    expect(JSON.stringify(objectValue.json)).toContain('Filters.value must be a string.');
    const numberKey = await rawJson(sb, 'AmazonSSM.DescribeInstanceInformation', JSON.stringify({ Filters: [{ Key: 7, Values: [INSTANCE] }] }));
    expect(numberKey).toMatchObject({ status: 400, errorType: 'ValidationException' });
    expect(JSON.stringify(numberKey.json)).toContain('Filters.Key must be a string.');
    const stringValue = await rawJson(sb, 'AmazonSSM.DescribeSessions', JSON.stringify({ State: 'Active', Filters: [{ key: 'Target', value: 'i-0000000000000000f' }] }));
    expect(stringValue).toMatchObject({ status: 200, json: { Sessions: [] } });
  });

  it('answers the AWS CLI v2', async () => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
    const env = { ...clean, AWS_CONFIG_FILE: sb.configFile, AWS_SHARED_CREDENTIALS_FILE: sb.credentialsFile, AWS_PAGER: '' };
    const { stdout } = await run('/usr/bin/aws', ['--profile', sb.profile, '--endpoint-url', sb.endpoint, 'ssm', 'describe-sessions', '--state', 'History', '--output', 'json'], { env });
    const out = JSON.parse(stdout) as { Sessions: Array<{ Status: string; Target: string }> };
    expect(out.Sessions.length).toBeGreaterThan(0);
    expect(out.Sessions.every((s) => s.Status === 'Terminated' && s.Target === INSTANCE)).toBe(true);
  }, CLI_TIMEOUT_MS);
});
