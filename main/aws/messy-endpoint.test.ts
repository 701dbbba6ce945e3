// A messy endpoint end to end through AwsService: the sandbox's API fault knobs (HTML 500, XML 403,
// AccessDenied per operation, a RUNNING container without runtime id) against the real SDK
// clients, and what the tree, the retries and the diagnosis make of them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ForwardSpecSchema } from '../../shared/contract/index.js';
import { ForwardsHub } from '../hubs/forwards/forwards-hub.js';
import type { InventoryNode, LoadProblem } from '../../shared/contract/inventory.js';
import { HTML_500_BODY } from '../sandbox/faults/api-faults.js';
import { SANDBOX, startSandbox, type Sandbox } from '../sandbox/index.js';
import { runtimeIdFor } from '../sandbox/world/arns.js';
import { AwsService } from './aws-service.js';
import { AWS_LIMITS } from './constants.js';
import { nodeId } from './inventory/node-ids.js';

const REGION = 'us-east-1';
const region = nodeId.region(SANDBOX.profile, REGION);
const TASK_ID = '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001';
const taskArn = `arn:aws:ecs:${REGION}:123456789012:task/demo-web/${TASK_ID}`;

let sb: Sandbox;
let aws: AwsService;
const progress: Array<{ nodeId: string | null; message: string; retries?: number }> = [];
const errors: string[] = [];
const changed: Array<{ parentId: string; problems: LoadProblem[] }> = [];

beforeAll(async () => {
  sb = await startSandbox({ gateway: null });
  aws = new AwsService({
    env: sb.awsEnv,
    events: {
      progress: (e) => progress.push(e),
      error: (e) => errors.push(e.error.message),
      changed: (e) => changed.push({ parentId: e.parentId, problems: e.problems ?? [] }),
    },
  });
  await aws.profiles();
});
afterEach(async () => {
  sb.apiFaults.set({ rules: [] });
  await aws.inventory.refresh(null);
  progress.length = 0;
  errors.length = 0;
  changed.length = 0;
});
afterAll(async () => {
  aws.close();
  await sb.stop();
});

/** The region listed afresh (the previous test left it cached). */
async function reload(): Promise<InventoryNode[]> {
  await aws.inventory.refresh(region);
  return aws.inventory.children(region);
}

const kinds = (nodes: InventoryNode[]) => [...new Set(nodes.map((n) => n.kind))];
const requests = (op: string) => sb.stats.byOperation[op] ?? 0;

describe('a region where one lookup fails', () => {
  it('shows the other half and keeps the failure, worded by its HTTP status, as a problem of the region', async () => {
    sb.apiFaults.set({ rules: [{ operation: 'ecs.ListClusters', answer: 'html-500' }] });
    const before = requests('ecs.ListClusters');
    const nodes = await reload();
    expect(kinds(nodes)).toEqual(['instance']);
    const [problem] = aws.inventory.problemsOf(region);
    expect(problem?.part).toBe('clusters');
    expect(problem?.error.message).toBe(`AWS answered HTTP 500 (server error) to ECS ListClusters in ${REGION}.`);
    expect(problem?.error.details).toMatchObject({ operation: 'ECS ListClusters', endpoint: sb.endpoint, status: 500, raw: HTML_500_BODY.trim() });
    expect(JSON.stringify(problem)).not.toMatch(/SyntaxError|Deserialization|\$response|porthole-sandbox-secret/);
    // The interactive budget: AWS_LIMITS.MAX_ATTEMPTS requests, each retry shown on the region.
    expect(requests('ecs.ListClusters') - before).toBe(AWS_LIMITS.MAX_ATTEMPTS);
    expect(progress.filter((p) => p.nodeId === region && p.retries).map((p) => p.message)).toEqual([
      'Listing clusters: ECS ListClusters failed, retrying (1)',
      'Listing clusters: ECS ListClusters failed, retrying (2)',
    ]);
    // No error event clears or replaces the region: the problem travels with its children.
    expect(errors).toEqual([]);
    // Cached children keep their problem; a reload that succeeds clears it.
    expect((await aws.inventory.children(region)).length).toBe(nodes.length);
    expect(aws.inventory.problemsOf(region)).toHaveLength(1);
    sb.apiFaults.set({ rules: [] });
    await aws.inventory.refresh(region);
    expect(kinds(await aws.inventory.children(region))).toEqual(['cluster', 'instance']);
    expect(aws.inventory.problemsOf(region)).toEqual([]);
    expect(changed.filter((c) => c.parentId === region).at(-1)?.problems).toEqual([]);
  });

  it('reads the code of an XML 403 on the instances side and still lists the clusters', async () => {
    sb.apiFaults.set({ rules: [{ operation: 'ssm.DescribeInstanceInformation', answer: 'xml-403' }] });
    const nodes = await reload();
    expect(kinds(nodes)).toEqual(['cluster']);
    const [problem] = aws.inventory.problemsOf(region);
    expect(problem).toMatchObject({ part: 'instances', what: 'Instances' });
    expect(problem?.error.message).toBe(`AWS answered HTTP 403 (access denied, AccessDenied) to SSM DescribeInstanceInformation in ${REGION}.`);
    expect(problem?.error.details).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  it('names the denied action of an AccessDenied, without retrying it', async () => {
    sb.apiFaults.set({ rules: [{ operation: 'ecs.ListClusters', answer: 'access-denied' }] });
    const before = requests('ecs.ListClusters');
    await reload();
    const [problem] = aws.inventory.problemsOf(region);
    expect(problem?.error.message).toMatch(/^AWS denied ecs:ListClusters \(listing ECS clusters in us-east-1 with profile "porthole-sandbox"\)\.$/);
    expect(problem?.error.nextStep).toContain('Ask an administrator to allow ecs:ListClusters');
    expect(requests('ecs.ListClusters') - before).toBe(1);
  });

  it('fails the region as a whole only when both halves fail', async () => {
    sb.apiFaults.set({ rules: [{ operation: 'ecs.ListClusters', answer: 'access-denied' }, { operation: 'ssm.DescribeInstanceInformation', answer: 'xml-403' }] });
    await expect(reload()).rejects.toMatchObject({ code: 'access-denied' });
    expect(new Set(errors)).toEqual(new Set([expect.stringMatching(/^AWS denied ecs:ListClusters/)]));
  });
});

describe('a cluster where one lookup is denied', () => {
  const cluster = nodeId.cluster(SANDBOX.profile, REGION, `arn:aws:ecs:${REGION}:123456789012:cluster/demo-web`);
  const load = async (): Promise<InventoryNode[]> => {
    await aws.inventory.refresh(cluster);
    return aws.inventory.children(cluster);
  };

  it('without ecs:DescribeTasks lists the services, and says on the cluster and on each service why their tasks are missing', async () => {
    const services = await load();
    expect(kinds(services)).toEqual(['service']);
    sb.apiFaults.set({ rules: [{ operation: 'ecs.DescribeTasks', answer: 'access-denied' }] });
    const nodes = await load();
    expect(nodes.map((n) => n.id)).toEqual(services.map((n) => n.id));
    const denied = 'AWS denied ecs:DescribeTasks (listing tasks of demo-web in us-east-1 with profile "porthole-sandbox").';
    expect(aws.inventory.problemsOf(cluster)).toEqual([{ part: 'tasks', what: 'Tasks', error: expect.objectContaining({ message: denied }) }]);
    expect(changed.filter((c) => c.parentId === cluster).at(-1)?.problems).toEqual([expect.objectContaining({ part: 'tasks' })]);
    const service = nodes[0]?.id ?? '';
    await expect(aws.inventory.children(service)).rejects.toMatchObject({ code: 'access-denied', message: denied });
    // Allowed again: a refresh of the cluster brings the tasks and clears the problem.
    sb.apiFaults.set({ rules: [] });
    await load();
    expect(aws.inventory.problemsOf(cluster)).toEqual([]);
    expect((await aws.inventory.children(service)).length).toBeGreaterThan(0);
  });

  it('without ecs:DescribeServices shows every task under the cluster, with the services as its problem', async () => {
    sb.apiFaults.set({ rules: [{ operation: 'ecs.DescribeServices', answer: 'access-denied' }] });
    const nodes = await load();
    expect(kinds(nodes)).toEqual(['task']);
    expect(aws.inventory.problemsOf(cluster)).toEqual([{ part: 'services', what: 'Services', error: expect.objectContaining({ message: expect.stringMatching(/^AWS denied ecs:DescribeServices \(listing services of demo-web/) }) }]);
  });

  it('fails the cluster as a whole only when both are denied', async () => {
    sb.apiFaults.set({ rules: [{ operation: 'ecs.DescribeServices', answer: 'access-denied' }, { operation: 'ecs.DescribeTasks', answer: 'access-denied' }] });
    await expect(load()).rejects.toMatchObject({ code: 'access-denied' });
    expect(new Set(errors)).toEqual(new Set([expect.stringMatching(/^AWS denied ecs:DescribeServices/)]));
  });
});

describe('a RUNNING container without runtime id', () => {
  it('is listed as such, and its diagnosis says so through the shared readiness rule', async () => {
    sb.apiFaults.set({ rules: [{ operation: 'ecs.DescribeTasks', answer: 'missing-runtime-id' }] });
    await aws.inventory.refresh(nodeId.cluster(SANDBOX.profile, REGION, `arn:aws:ecs:${REGION}:123456789012:cluster/demo-web`));
    const containers = await aws.inventory.children(nodeId.task(SANDBOX.profile, REGION, `arn:aws:ecs:${REGION}:123456789012:cluster/demo-web`, taskArn));
    const app = containers.find((n) => n.kind === 'container' && n.name === 'app');
    expect(app).toMatchObject({ lastStatus: 'RUNNING', runtimeId: null, execAgentStatus: null, execEnabled: true });
    const { checks } = await aws.diagnose({ kind: 'ecs-container', profile: SANDBOX.profile, region: REGION, cluster: 'demo-web', taskArn, containerName: 'app', runtimeId: null });
    const running = checks.find((c) => c.id === 'container-running');
    expect(running).toMatchObject({ status: 'warn', cause: expect.stringMatching(/RUNNING but without a runtime id/) });
  });
});

describe('a failing ExecuteCommand', () => {
  it('is the first check of the next diagnosis of that target, until a launch succeeds', async () => {
    const ref = { kind: 'ecs-container', profile: SANDBOX.profile, region: REGION, cluster: 'demo-web', taskArn, containerName: 'app', runtimeId: runtimeIdFor(TASK_ID, 'app') } as const;
    sb.apiFaults.set({ rules: [{ operation: 'ecs.ExecuteCommand', answer: 'html-500' }] });
    await expect(aws.execShell(ref)).rejects.toMatchObject({ message: `AWS answered HTTP 500 (server error) to ECS ExecuteCommand in ${REGION}.` });
    const { checks } = await aws.diagnose(ref);
    expect(checks[0]).toMatchObject({ id: 'last-error', status: 'fail', title: 'ECS ExecuteCommand (the call that failed)', cause: `AWS answered HTTP 500 (server error) to ECS ExecuteCommand in ${REGION}.` });
    // Everything else about the container is fine: without the failed call it would pass.
    expect(checks.slice(1).filter((c) => c.status === 'fail')).toEqual([]);
  });
});

describe('a forward whose StartSession fails', () => {
  it('leaves the failed call as the first check of that target\'s diagnosis', async () => {
    const ref = { kind: 'ecs-container', profile: SANDBOX.profile, region: REGION, cluster: 'demo-web', taskArn, containerName: 'app', runtimeId: runtimeIdFor(TASK_ID, 'app') } as const;
    const dataDir = await mkdtemp(join(tmpdir(), 'porthole-messy-fwd-'));
    const hub = new ForwardsHub({ aws, dataDir, events: { updated: () => undefined, stats: () => undefined }, notice: () => undefined });
    try {
      sb.apiFaults.set({ rules: [{ operation: 'ssm.StartSession', answer: 'html-500' }] });
      const before = requests('ssm.StartSession');
      const created = await hub.create(ForwardSpecSchema.parse({ target: ref, remotePort: 8080, localPort: 'auto', autoRestart: false }));
      await vi.waitFor(() => expect(hub.list().find((f) => f.id === created.id)?.state).toBe('failed'), { timeout: 15_000 });
      expect(requests('ssm.StartSession') - before).toBe(AWS_LIMITS.MAX_ATTEMPTS);
      const { checks } = await aws.diagnose(ref);
      expect(checks[0]).toMatchObject({ id: 'last-error', status: 'fail', title: 'SSM StartSession (the call that failed)', cause: `AWS answered HTTP 500 (server error) to SSM StartSession in ${REGION}.` });
      // Another target's diagnosis does not carry it.
      const other = { ...ref, taskArn: taskArn.replace(/0001$/, '0002'), runtimeId: runtimeIdFor('5e1f4a2b9c3d4e5f6a7b8c9d0e1f0002', 'app') };
      expect((await aws.diagnose(other)).checks[0]?.id).not.toBe('last-error');
    } finally {
      await hub.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
