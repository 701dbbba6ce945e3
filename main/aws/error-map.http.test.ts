// The error map over real SDK error objects: real ECS/EC2 clients (with Porthole's call-details
// middlewares) against a local HTTP server that answers badly — HTML 500 pages, XML 403s where JSON
// belongs, modeled AccessDenied — and what the user is told about each.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EC2Client, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { ECSClient, ExecuteCommandCommand, ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachCallDetails, withRetryReports } from './call-details.js';
import { toAwsError } from './error-map.js';

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

const HTML_500: Answer = { status: 500, type: 'text/html', body: '<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>', headers: { 'x-amzn-requestid': 'req-html-500' } };
const XML_403: Answer = { status: 403, type: 'text/xml', body: '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>', headers: { 'x-amz-request-id': 'req-xml-403' } };
const JSON_DENIED: Answer = { status: 400, type: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'AccessDeniedException', message: 'User: arn:aws:iam::1:user/bob is not authorized to perform: ecs:ListClusters on resource: *' }), headers: { 'x-amzn-requestid': 'req-json' } };
const EC2_HTML_503: Answer = { status: 503, type: 'text/html', body: '<html><body>Service Unavailable</body></html>' };

let server: Server;
let endpoint = '';
let answer: Answer = HTML_500;
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits++;
      res.writeHead(answer.status, { 'content-type': answer.type, ...answer.headers });
      res.end(answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const credentials = { accessKeyId: 'AKIAEXAMPLEEXAMPLE01', secretAccessKey: 'super-secret-value-never-shown', sessionToken: 'session-token-never-shown' };

function ecs(maxAttempts = 1): ECSClient {
  const c = new ECSClient({ region: 'eu-west-1', endpoint, credentials, maxAttempts, retryMode: 'adaptive' });
  attachCallDetails(c, 'ecs');
  return c;
}

async function thrown(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error('the call did not fail');
}

describe('toAwsError over real SDK errors', () => {
  it('words an HTML 500 by its status and keeps the page in the details, without SDK internals', async () => {
    answer = HTML_500;
    const err = await thrown(() => ecs().send(new ExecuteCommandCommand({ cluster: 'c', task: 't', interactive: true, command: '/bin/sh' })));
    expect((err as Error).name).toBe('SyntaxError'); // what the SDK itself throws for it
    const e = toAwsError(err, { region: 'eu-west-1', profile: 'dev' });
    expect(e.code).toBe('service-unavailable');
    expect(e.message).toBe('AWS answered HTTP 500 (server error) to ECS ExecuteCommand in eu-west-1.');
    expect(e.retryable).toBe(true);
    const plain = JSON.stringify(e.toPlain());
    expect(plain).not.toMatch(/SyntaxError|Deserialization|\$response|hidden field|Unexpected token/);
    expect(e.details).toEqual({ operation: 'ECS ExecuteCommand', endpoint, status: 500, requestId: 'req-html-500', raw: HTML_500.body });
    expect(plain).not.toMatch(/super-secret|session-token-never|Signature=/);
  });

  it('reads the code of an XML 403 a JSON service could not parse', async () => {
    answer = XML_403;
    const e = toAwsError(await thrown(() => ecs().send(new ListClustersCommand({}))), { region: 'eu-west-1' });
    expect(e.code).toBe('access-denied');
    expect(e.message).toBe('AWS answered HTTP 403 (access denied, AccessDenied) to ECS ListClusters in eu-west-1.');
    expect(e.nextStep).toContain('allow ECS ListClusters');
    expect(e.details).toMatchObject({ status: 403, code: 'AccessDenied', requestId: 'req-xml-403', raw: XML_403.body });
    expect(e.toPlain().cause).toBe('HTTP 403 AccessDenied');
  });

  it('keeps the named action of a modeled AccessDeniedException and adds the call', async () => {
    answer = JSON_DENIED;
    const e = toAwsError(await thrown(() => ecs().send(new ListClustersCommand({}))), { operation: 'listing ECS clusters', region: 'eu-west-1', profile: 'dev' });
    expect(e.message).toBe('AWS denied ecs:ListClusters (listing ECS clusters in eu-west-1 with profile "dev").');
    expect(e.nextStep).toBe('Ask an administrator to allow ecs:ListClusters for your identity, or pick a profile/role that has it.');
    expect(e.details).toMatchObject({ operation: 'ECS ListClusters', status: 400, code: 'AccessDeniedException', requestId: 'req-json' });
  });

  it('words a Query-protocol (EC2) HTML 503 the same way', async () => {
    answer = EC2_HTML_503;
    const c = new EC2Client({ region: 'eu-west-1', endpoint, credentials, maxAttempts: 1 });
    attachCallDetails(c, 'ec2');
    const e = toAwsError(await thrown(() => c.send(new DescribeInstancesCommand({}))));
    expect(e.message).toBe('AWS answered HTTP 503 (service unavailable) to EC2 DescribeInstances.');
    expect(e.details?.raw).toBe(EC2_HTML_503.body);
  });

  it('reports each SDK retry to the caller that asked, and stops at the attempt budget', async () => {
    answer = HTML_500;
    hits = 0;
    const reports: string[] = [];
    const err = await withRetryReports((n, op) => reports.push(`${op} retry ${n}`), () => thrown(() => ecs(3).send(new ListClustersCommand({}))));
    expect(hits).toBe(3);
    expect(reports).toEqual(['ECS ListClusters retry 1', 'ECS ListClusters retry 2']);
    expect(toAwsError(err).details?.status).toBe(500);
  });
});
