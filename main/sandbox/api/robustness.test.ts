/**
 * Whatever a client sends, every operation answers 200 or an AWS-shaped 4xx, never a 500 or a
 * dropped connection, and the endpoint keeps serving afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { apiSandbox, rawJson, signedHeaders } from '../../../testing/sandbox/api/test-helpers.js';

const OPERATIONS = [
  'AmazonEC2ContainerServiceV20141113.ListClusters',
  'AmazonEC2ContainerServiceV20141113.DescribeClusters',
  'AmazonEC2ContainerServiceV20141113.ListServices',
  'AmazonEC2ContainerServiceV20141113.DescribeServices',
  'AmazonEC2ContainerServiceV20141113.ListTasks',
  'AmazonEC2ContainerServiceV20141113.DescribeTasks',
  'AmazonEC2ContainerServiceV20141113.DescribeTaskDefinition',
  'AmazonEC2ContainerServiceV20141113.ListContainerInstances',
  'AmazonEC2ContainerServiceV20141113.DescribeContainerInstances',
  'AmazonEC2ContainerServiceV20141113.ExecuteCommand',
  'AmazonSSM.StartSession',
  'AmazonSSM.ResumeSession',
  'AmazonSSM.TerminateSession',
  'AmazonSSM.DescribeInstanceInformation',
  'TrentService.GenerateDataKey',
  'TrentService.Decrypt',
  'TrentService.DescribeKey',
];

/** Member names the handlers read, so generated bodies hit real code paths. */
const MEMBERS = [
  'cluster', 'clusters', 'services', 'serviceName', 'tasks', 'task', 'container', 'command', 'interactive', 'include',
  'taskDefinition', 'containerInstances', 'status', 'desiredStatus', 'maxResults', 'nextToken', 'launchType', 'family', 'startedBy',
  'Target', 'DocumentName', 'Parameters', 'SessionId', 'Filters', 'InstanceInformationFilterList', 'MaxResults', 'NextToken',
  'KeyId', 'NumberOfBytes', 'KeySpec', 'EncryptionContext', 'CiphertextBlob',
];

const QUERY_ACTIONS = ['DescribeInstances', 'GetCallerIdentity', 'AssumeRole', 'SimulatePrincipalPolicy', 'Nope'];
const QUERY_FIELDS = [
  'MaxResults', 'NextToken', 'InstanceId.1', 'Filter.1.Name', 'Filter.1.Value.1',
  'RoleArn', 'RoleSessionName', 'DurationSeconds', 'SerialNumber', 'TokenCode', 'PolicySourceArn', 'ActionNames.member.1', 'ResourceArns.member.1',
];
const QUERY_PLAUSIBLE = ['arn:aws:iam::123456789012:role/porthole-admin', 'arn:aws:iam::123456789012:mfa/porthole-dev', '123456', '900', 'porthole-test', 'ssmmessages:OpenDataChannel'];

const plausible = fc.oneof(
  fc.constantFrom('demo-web', 'demo-workers', '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001', 'i-0a1b2c3d4e5f60001', 'alias/porthole-sandbox', 'AWS-StartPortForwardingSession', 'web', 'RUNNING'),
  fc.string(),
);
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, plausible, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('any'), { maxLength: 3 }), fc.dictionary(plausible, tie('any'), { maxKeys: 3 })),
})).any;
const body = fc.dictionary(fc.constantFrom(...MEMBERS), value, { maxKeys: 6 });

describe('robustness', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await apiSandbox();
  });
  afterAll(() => sb.stop());

  it('answers arbitrary members of every operation with 200 or an AWS-shaped 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPERATIONS), body, async (target, input) => {
        const r = await rawJson(sb, target, JSON.stringify(input));
        if (r.status === 200) return;
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(typeof r.json['__type']).toBe('string');
        expect(r.errorType).toBe(r.json['__type']);
      }),
      { numRuns: 400 },
    );
    const still = await rawJson(sb, 'AmazonEC2ContainerServiceV20141113.ListClusters', '{}');
    expect(still.status).toBe(200);
  });

  it('answers arbitrary raw bodies and Query forms without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPERATIONS), fc.string(), async (target, text) => {
        const headers = await signedHeaders(sb, { headers: { 'x-amz-target': target }, body: text });
        const r = await fetch(sb.endpoint, { method: 'POST', headers, body: text });
        expect(r.status).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...QUERY_ACTIONS), fc.dictionary(fc.constantFrom(...QUERY_FIELDS), fc.oneof(fc.constantFrom(...QUERY_PLAUSIBLE), fc.string())), async (action, fields) => {
        const form = new URLSearchParams({ Action: action, Version: '2016-11-15', ...fields });
        const headers = await signedHeaders(sb, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), service: 'ec2' });
        const r = await fetch(sb.endpoint, { method: 'POST', headers, body: form.toString() });
        expect(r.status).toBeLessThan(500);
        if (r.status !== 200) expect(await r.text()).toMatch(/<Code>[A-Za-z.]+<\/Code>/);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps no trace of made-up operation names: an unsigned caller cannot grow its memory', async () => {
    const keysBefore = Object.keys(sb.stats.byOperation).length;
    for (let i = 0; i < 50; i++) {
      const name = `Made${i}${'x'.repeat(10_000)}`;
      const query = await fetch(sb.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `Action=${name}&Version=2016-11-15` });
      expect(query.status).toBeGreaterThanOrEqual(400);
      const json = await fetch(sb.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonSSM.${name}` }, body: '{}' });
      expect(json.status).toBeGreaterThanOrEqual(400);
    }
    const keys = Object.keys(sb.stats.byOperation);
    expect(keys.filter((k) => k.includes('Made'))).toEqual([]);
    expect(keys.length - keysBefore).toBeLessThanOrEqual(2);
  });
});
