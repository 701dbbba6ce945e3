// What could not be listed under a branch (Inventory.problemsOf) is kept only while the branch is
// loaded: a region removed from the profile's list, a profile removed from the AWS files, and a
// refresh whose reload fails outright take their problems with them, so nothing stale is reported
// and the record never outgrows the loaded tree. Failures are injected per AWS command on the
// profile's own clients; the sandbox serves the rest.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { AwsWorkspace } from '../workspace.js';
import { countingMiddleware } from '../../../testing/aws/inventory/counting-middleware.js';
import { Inventory } from './inventory.js';
import { nodeId } from './node-ids.js';

const REGION = 'us-east-1';
const OTHER_REGION = 'eu-west-1';
const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web';
const PROFILE_ID = nodeId.profile(SANDBOX.profile);
const REGION_ID = nodeId.region(SANDBOX.profile, REGION);
const CLUSTER_ID = nodeId.cluster(SANDBOX.profile, REGION, CLUSTER_ARN);

const dir = mkdtempSync(join(tmpdir(), 'porthole-load-problems-'));
const configFile = join(dir, 'config');
const credentialsFile = join(dir, 'credentials');
let sandbox: Sandbox;
let workspace: AwsWorkspace;
let inventory: Inventory;
/** The regions the profile shows (settings). */
let regions: string[] = [];
/** AWS commands (by name) that are refused while listed here. */
const refused = new Set<string>();
const denied = (): Error => Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });

beforeAll(async () => {
  sandbox = await startSandbox({ gateway: null });
  writeFileSync(configFile, readFileSync(sandbox.configFile));
  writeFileSync(credentialsFile, readFileSync(sandbox.credentialsFile));
  workspace = new AwsWorkspace({ env: { ...sandbox.awsEnv, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile } });
  inventory = new Inventory(workspace, { regionsFor: async () => regions });
});
afterAll(async () => {
  workspace.closeAll();
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  refused.clear();
  regions = [REGION, OTHER_REGION];
  await inventory.refresh(null); // a fresh session (and clients) for the profile
  const session = await workspace.open(SANDBOX.profile);
  let failing: Error | null = null;
  const refuse = countingMiddleware((name) => (failing = refused.has(name) ? denied() : null), () => failing);
  session.ecs(REGION).middlewareStack.add(refuse, { step: 'initialize', name: 'refuse' });
  session.ssm(REGION).middlewareStack.add(refuse, { step: 'initialize', name: 'refuse' });
  await inventory.children(PROFILE_ID);
});

/** The region loaded with its clusters refused: its one problem is 'clusters'. */
async function regionWithProblem(): Promise<void> {
  refused.add('ListClustersCommand');
  await inventory.children(REGION_ID);
  expect(inventory.problemsOf(REGION_ID).map((p) => p.part)).toEqual(['clusters']);
  refused.clear();
}

describe('load problems', () => {
  it('leave with a region removed from the profile', async () => {
    await regionWithProblem();
    regions = [OTHER_REGION];
    await inventory.reloadRegions(SANDBOX.profile);
    expect(inventory.node(REGION_ID)).toBeUndefined();
    expect(inventory.problemsOf(REGION_ID)).toEqual([]);
  });

  it('are not kept by a refresh whose reload fails outright (the error is what the branch shows)', async () => {
    await regionWithProblem();
    refused.add('ListClustersCommand').add('DescribeInstanceInformationCommand');
    await inventory.refresh(REGION_ID);
    expect(inventory.problemsOf(REGION_ID)).toEqual([]);
    refused.clear();
    await inventory.refresh(REGION_ID); // and a reload that answers lists it all, with none
    expect(inventory.problemsOf(REGION_ID)).toEqual([]);
    expect(inventory.node(CLUSTER_ID)).toBeDefined();
  });

  it('leave with a profile removed from the AWS files, down to its clusters', async () => {
    await inventory.children(REGION_ID);
    refused.add('ListTasksCommand');
    await inventory.children(CLUSTER_ID);
    expect(inventory.problemsOf(CLUSTER_ID).map((p) => p.part)).toEqual(['tasks']);
    const config = readFileSync(configFile, 'utf8');
    const credentials = readFileSync(credentialsFile, 'utf8');
    try {
      const renamed = (text: string) => text.split(`${SANDBOX.profile}]`).join('renamed]');
      writeFileSync(configFile, renamed(config));
      writeFileSync(credentialsFile, renamed(credentials));
      const { nodes } = await inventory.profiles();
      expect(nodes.map((n) => n.id)).not.toContain(PROFILE_ID);
      expect(inventory.node(CLUSTER_ID)).toBeUndefined();
      expect(inventory.problemsOf(CLUSTER_ID)).toEqual([]);
    } finally {
      writeFileSync(configFile, config);
      writeFileSync(credentialsFile, credentials);
    }
  });
});
