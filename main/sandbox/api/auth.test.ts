/**
 * The sandbox admits only callers holding its run's key: unsigned, tampered, wrongly signed and
 * foreign-key requests get AWS's errors and change nothing; foreign Hosts and browser pages are
 * refused before the body is read; admin routes need the secret; the SDK's clock-skew
 * correction works against it.
 */
import { request as httpRequest } from 'node:http';
import { statSync } from 'node:fs';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSandbox, type Sandbox } from '../index.js';
import { adminFetch, clientConfig, signedHeaders } from '../../../testing/sandbox/api/test-helpers.js';

const START_SESSION = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.StartSession' };
const START_BODY = JSON.stringify({ Target: 'i-0a1b2c3d4e5f60002', DocumentName: 'AWS-StartNonInteractiveCommand', Parameters: { command: ['touch /tmp/pwned'] } });
const EC2_FORM = 'Action=DescribeInstances&Version=2016-11-15';

async function post(sb: Sandbox, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(sb.endpoint, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

/** A raw request with any Host header; resolves with the status as soon as the head arrives (the body is never sent). */
function headOnly(port: number, host: string, path: string, extra: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path, headers: { host, 'content-length': '1000000', ...extra } }, (res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

describe('sandbox authentication', () => {
  let sb: Sandbox;
  let port: number;
  beforeAll(async () => {
    sb = await startSandbox({ pacing: 'unpaced' });
    port = Number(new URL(sb.endpoint).port);
  });
  afterAll(() => sb.stop());

  it('makes a random key per run and writes its files 0600', async () => {
    const other = await startSandbox({ gateway: null });
    try {
      expect(sb.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
      expect(sb.secretAccessKey).toHaveLength(40);
      expect(other.accessKeyId).not.toBe(sb.accessKeyId);
      expect(other.secretAccessKey).not.toBe(sb.secretAccessKey);
      for (const f of [sb.configFile, sb.credentialsFile]) expect(statSync(f).mode & 0o777).toBe(0o600);
    } finally {
      await other.stop();
    }
  });

  it('refuses unsigned requests with AWS errors and starts no session', async () => {
    const json = await post(sb, START_SESSION, START_BODY);
    expect(json.status).toBe(400);
    expect(JSON.parse(json.text)).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
    const query = await post(sb, { 'content-type': 'application/x-www-form-urlencoded' }, EC2_FORM);
    expect(query.status).toBe(403);
    expect(query.text).toContain('<Code>MissingAuthenticationToken</Code>');
    expect(sb.registry.list()).toEqual([]);
  });

  it('refuses a tampered body, a wrong secret and a foreign key', async () => {
    const headers = await signedHeaders(sb, { headers: START_SESSION, body: START_BODY, service: 'ssm' });
    const tampered = await post(sb, headers, START_BODY.replace('touch /tmp/pwned', 'touch /tmp/other'));
    expect(tampered.status).toBe(400);
    expect(JSON.parse(tampered.text)).toMatchObject({ __type: 'InvalidSignatureException' });
    // With the body hash in a signed header, the header is right but the body is not.
    const hashed = await signedHeaders(sb, { headers: { ...START_SESSION, 'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }, body: '', service: 'ssm' });
    expect(JSON.parse((await post(sb, hashed, START_BODY)).text)).toMatchObject({ __type: 'InvalidSignatureException' });
    const wrongSecret = await signedHeaders(sb, { headers: START_SESSION, body: START_BODY, service: 'ssm', credentials: { accessKeyId: sb.accessKeyId, secretAccessKey: 'x'.repeat(40) } });
    expect(JSON.parse((await post(sb, wrongSecret, START_BODY)).text)).toMatchObject({ __type: 'InvalidSignatureException' });
    const foreign = await signedHeaders(sb, { headers: START_SESSION, body: START_BODY, service: 'ssm', credentials: { accessKeyId: 'AKIAFOREIGNFOREIGN00', secretAccessKey: sb.secretAccessKey } });
    expect(JSON.parse((await post(sb, foreign, START_BODY)).text)).toMatchObject({ __type: 'UnrecognizedClientException' });
    const foreignEc2 = await signedHeaders(sb, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: EC2_FORM, service: 'ec2', credentials: { accessKeyId: 'AKIAFOREIGNFOREIGN00', secretAccessKey: 'y'.repeat(40) } });
    const ec2 = await post(sb, foreignEc2, EC2_FORM);
    expect(ec2.status).toBe(401);
    expect(ec2.text).toContain('<Code>AuthFailure</Code>');
    expect(sb.registry.list()).toEqual([]);
    // The same request, correctly signed, does start the session.
    const good = await post(sb, headers, START_BODY);
    expect(good.status).toBe(200);
    expect(sb.registry.list()).toHaveLength(1);
    for (const s of sb.registry.list()) sb.registry.terminate(s.sessionId, 'test over');
  });

  it('refuses a signature dated outside the 15-minute window, and the SDK corrects its clock from the Date header', async () => {
    const old = await signedHeaders(sb, { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters' }, body: '{}' }, new Date(Date.now() - 20 * 60_000));
    const refused = await post(sb, old, '{}');
    expect(JSON.parse(refused.text)).toMatchObject({ __type: 'InvalidSignatureException', message: expect.stringMatching(/^Signature expired: /) });
    const skewed = new ECSClient({ ...clientConfig(sb), systemClockOffset: -20 * 60_000, maxAttempts: 3 });
    try {
      expect((await skewed.send(new ListClustersCommand({}))).clusterArns).toHaveLength(3);
    } finally {
      skewed.destroy();
    }
  });

  it('refuses a foreign Host and a browser Origin before reading the body, on the API and the admin routes', async () => {
    expect(await headOnly(port, 'attacker.example', '/')).toBe(403);
    expect(await headOnly(port, `attacker.example:${port}`, '/__sandbox/faults')).toBe(403);
    expect(await headOnly(port, `127.0.0.1:${port}`, '/', { origin: 'http://attacker.example' })).toBe(403);
    expect(await headOnly(port, `127.0.0.1:${port + 1}`, '/')).toBe(403);
    // Its own names pass the Host gate (and then need a signature).
    const local = await fetch(`http://localhost:${port}/`, { method: 'POST', headers: START_SESSION, body: START_BODY }).catch(() => undefined);
    if (local) expect(local.status).toBe(400); // localhost may resolve to ::1 only, where nothing listens
  });

  it('refuses admin and fault routes without the secret', async () => {
    expect((await fetch(`${sb.endpoint}/__sandbox/sessions`)).status).toBe(403);
    expect((await fetch(`${sb.endpoint}/__sandbox/faults`, { method: 'POST', body: '{"default":true,"faults":{}}' })).status).toBe(403);
    expect((await fetch(`${sb.endpoint}/__sandbox/health`, { headers: { 'x-porthole-sandbox-secret': 'guess' } })).status).toBe(403);
    expect((await adminFetch(sb, 'health')).status).toBe(200);
  });

  it('refuses websocket upgrades from a foreign Host or any browser Origin', async () => {
    const attempt = (opts: WebSocket.ClientOptions) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/data-channel/s-1?role=publish_subscribe`, opts);
        ws.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.on('open', () => reject(new Error('upgrade accepted')));
        ws.on('error', () => undefined);
      });
    expect(await attempt({ headers: { host: `attacker.example:${port}` } })).toBe(403);
    expect(await attempt({ origin: 'http://attacker.example' })).toBe(403);
    expect(await attempt({ origin: `http://127.0.0.1:${port}` })).toBe(403);
  });
});
