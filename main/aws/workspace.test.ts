// Several profiles open at once, each on its own endpoints, whatever AWS_PROFILE says: two sandboxes
// stand in for two accounts, and a `services` section splits one profile's services between them.
import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { DescribeInstanceInformationCommand } from '@aws-sdk/client-ssm';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSandboxCredentials, startSandbox, type Sandbox } from '../sandbox/index.js';
import { AwsWorkspace } from './workspace.js';

let one: Sandbox;
let two: Sandbox;
let env: Record<string, string>;
const saved = { profile: process.env.AWS_PROFILE, config: process.env.AWS_CONFIG_FILE };

beforeAll(async () => {
  // Profile `split` calls both sandboxes with one key, so they share this run's credentials.
  const key = newSandboxCredentials();
  [one, two] = await Promise.all([startSandbox({ gateway: null, credentials: key }), startSandbox({ gateway: null, credentials: key })]);
  const config = join(one.targets.root, 'multi-config');
  const credentials = join(one.targets.root, 'multi-credentials');
  writeFileSync(config, `[profile a]\nregion = us-east-1\nendpoint_url = ${one.endpoint}\n\n[profile b]\nregion = us-east-1\nendpoint_url = ${two.endpoint}\n\n[profile split]\nregion = us-east-1\nservices = split\n\n[services split]\necs =\n  endpoint_url = ${one.endpoint}\nssm =\n  endpoint_url = ${two.endpoint}\n`);
  writeFileSync(credentials, ['a', 'b', 'split'].map((p) => `[${p}]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`).join('\n'));
  env = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, HOME: one.targets.root };
  // The SDK would apply profile a's endpoint_url to clients that name no endpoint: the trap.
  process.env.AWS_PROFILE = 'a';
  process.env.AWS_CONFIG_FILE = config;
});
afterAll(async () => {
  process.env.AWS_PROFILE = saved.profile;
  process.env.AWS_CONFIG_FILE = saved.config;
  await Promise.all([one.stop(), two.stop()]);
});

describe('AwsWorkspace', () => {
  it('keeps several profiles open, each calling its own endpoint', async () => {
    const ws = new AwsWorkspace({ env });
    try {
      const [a, b] = [await ws.open('a'), await ws.open('b')];
      const [before1, before2] = [one.stats.requests, two.stats.requests];
      await b.ecs().send(new ListClustersCommand({}));
      await b.ecs().send(new ListClustersCommand({}));
      await a.ecs().send(new ListClustersCommand({}));
      expect([one.stats.requests - before1, two.stats.requests - before2]).toEqual([1, 2]);
      expect(ws.openNames()).toEqual(['a', 'b']);
      expect(await ws.open('a')).toBe(a);
    } finally {
      ws.closeAll();
    }
  });

  it('sends each service to the endpoint its services section names', async () => {
    const ws = new AwsWorkspace({ env });
    try {
      const split = await ws.open('split');
      const [ecs1, ssm2] = [one.stats.byOperation['ecs.ListClusters'] ?? 0, two.stats.byOperation['ssm.DescribeInstanceInformation'] ?? 0];
      await split.ecs().send(new ListClustersCommand({}));
      await split.ssm().send(new DescribeInstanceInformationCommand({}));
      expect((one.stats.byOperation['ecs.ListClusters'] ?? 0) - ecs1).toBe(1);
      expect((two.stats.byOperation['ssm.DescribeInstanceInformation'] ?? 0) - ssm2).toBe(1);
    } finally {
      ws.closeAll();
    }
  });

  it('refuses unknown profiles and profiles with a missing services section in plain words', async () => {
    const ws = new AwsWorkspace({ env });
    await expect(ws.open('nope')).rejects.toMatchObject({ code: 'profile-not-found', message: 'There is no profile named "nope".' });
    writeFileSync(env.AWS_CONFIG_FILE!, '[profile broken]\nregion = us-east-1\nservices = gone\n', { flag: 'a' });
    await expect(ws.open('broken')).rejects.toMatchObject({ code: 'config-invalid', message: 'Profile "broken" cannot be used: The services section "gone" named by the profile is not in the config file.' });
  });
});
