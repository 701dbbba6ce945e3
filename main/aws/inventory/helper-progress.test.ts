// A region of a profile whose credential_process waits on the person (a browser sign-in): while
// the helper runs, the node being loaded says it waits on that profile's helper, with its limit,
// rather than showing a bare spinner; once the helper answers, the region lists as usual.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { AwsService } from '../aws-service.js';
import { nodeId } from './node-ids.js';

const dir = mkdtempSync(join(tmpdir(), 'porthole-helper-progress-'));
const started = join(dir, 'started');
const go = join(dir, 'go');
let sandbox: Sandbox;
/** A second region under the profile, expanded while the helper runs (its listing's outcome does not matter here). */
const LATER_REGION = 'eu-west-3';

beforeAll(async () => {
  sandbox = await startSandbox({ gateway: null });
  const helper = join(dir, 'sign-in.sh');
  // Says it started, then waits until the test (the person) finishes the sign-in.
  const keys = `'{"Version":1,"AccessKeyId":"${sandbox.accessKeyId}","SecretAccessKey":"${sandbox.secretAccessKey}"}'`;
  writeFileSync(helper, `#!/bin/sh\ntouch ${started}\nwhile [ ! -f ${go} ]; do sleep 0.05; done\necho ${keys}\n`);
  chmodSync(helper, 0o755);
  const region = `region = ${sandbox.region}\nendpoint_url = ${sandbox.endpoint}\n`;
  writeFileSync(join(dir, 'config'), `[profile signin]\ncredential_process = ${helper}\nporthole_credential_process_timeout = 300\n${region}\n[profile work]\nrole_arn = arn:aws:iam::123456789012:role/porthole-readonly\nsource_profile = signin\n${region}`);
  writeFileSync(join(dir, 'credentials'), '');
});
afterAll(async () => {
  writeFileSync(go, '');
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a load waiting on a credential_process', () => {
  it.each([
    ['signin', 'Waiting for the credential_process of profile "signin": finish any sign-in or key touch it asks for. It is stopped after 300 s.'],
    ['work', 'Waiting for the credential_process of profile "signin" (the source of "work"): finish any sign-in or key touch it asks for. It is stopped after 300 s.'],
  ])('says so on the node of profile %s while the helper runs', async (profile, words) => {
    rmSync(go, { force: true });
    rmSync(started, { force: true });
    const progress: Array<{ nodeId: string | null; message: string }> = [];
    const service = new AwsService({ env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), HOME: dir }, events: { progress: (e) => progress.push(e) } });
    try {
      await service.profiles();
      const [region] = await service.inventory.children(nodeId.profile(profile));
      expect(region?.label).toBe(sandbox.region);
      const listing = service.inventory.children(region?.id ?? '');
      await vi.waitFor(() => expect(existsSync(started)).toBe(true), { timeout: 10_000, interval: 20 });
      await vi.waitFor(() => expect(progress).toContainEqual({ nodeId: region?.id, message: words, done: false }), { timeout: 10_000, interval: 20 });
      writeFileSync(go, '');
      const nodes = await listing;
      expect(nodes.filter((n) => n.kind === 'cluster').map((n) => n.label)).toEqual(['demo-secure', 'demo-web', 'demo-workers']);
    } finally {
      service.close();
    }
  });

  it('says so on a node expanded while the helper already runs', async () => {
    rmSync(go, { force: true });
    rmSync(started, { force: true });
    const progress: Array<{ nodeId: string | null; message: string }> = [];
    const env = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), HOME: dir };
    const service = new AwsService({ env, maxAttempts: 1, regionsFor: () => Promise.resolve([sandbox.region, LATER_REGION]), events: { progress: (e) => progress.push(e) } });
    const words = 'Waiting for the credential_process of profile "signin": finish any sign-in or key touch it asks for. It is stopped after 300 s.';
    try {
      await service.profiles();
      const regions = await service.inventory.children(nodeId.profile('signin'));
      const first = nodeId.region('signin', sandbox.region);
      const later = nodeId.region('signin', LATER_REGION);
      expect(regions.map((r) => r.id)).toEqual([first, later]);
      const listing = service.inventory.children(first);
      await vi.waitFor(() => expect(progress).toContainEqual({ nodeId: first, message: words, done: false }), { timeout: 10_000, interval: 20 });
      // Expanded once the helper is already running: told at once, not left with a bare spinner.
      const laterListing = service.inventory.children(later);
      await vi.waitFor(() => expect(progress).toContainEqual({ nodeId: later, message: words, done: false }), { timeout: 10_000, interval: 20 });
      writeFileSync(go, '');
      await Promise.allSettled([listing, laterListing]);
    } finally {
      service.close();
    }
  });
});
