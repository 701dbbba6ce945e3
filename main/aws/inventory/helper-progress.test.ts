// A region of a profile whose credential_process waits on the person (a browser sign-in): while
// the helper runs, the node being loaded says it waits on that profile's helper, with its limit,
// rather than showing a bare spinner; once the helper answers, the region lists as usual.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AwsService } from '../aws-service.js';
import { nodeId } from './node-ids.js';
import { startSignInHelper, type SignInHelper } from '../../../testing/aws/sign-in-helper.js';

/** A second region under the profile, expanded while the helper runs (its listing's outcome does not matter here). */
const LATER_REGION = 'eu-west-3';
let helper: SignInHelper;

beforeAll(async () => {
  helper = await startSignInHelper('porthole-helper-progress-');
});
afterAll(() => helper.stop());

describe('a load waiting on a credential_process', () => {
  it.each([
    ['signin', 'Waiting for the credential_process of profile "signin": finish any sign-in or key touch it asks for. It is stopped after 300 s.'],
    ['work', 'Waiting for the credential_process of profile "signin" (the source of "work"): finish any sign-in or key touch it asks for. It is stopped after 300 s.'],
  ])('says so on the node of profile %s while the helper runs', async (profile, words) => {
    helper.reset();
    const progress: Array<{ nodeId: string | null; message: string }> = [];
    const service = new AwsService({ env: helper.env, events: { progress: (e) => progress.push(e) } });
    try {
      await service.profiles();
      const [region] = await service.inventory.children(nodeId.profile(profile));
      expect(region?.label).toBe(helper.sandbox.region);
      const listing = service.inventory.children(region?.id ?? '');
      await vi.waitFor(() => expect(helper.started()).toBe(true), { timeout: 10_000, interval: 20 });
      await vi.waitFor(() => expect(progress).toContainEqual({ nodeId: region?.id, message: words, done: false }), { timeout: 10_000, interval: 20 });
      helper.finish();
      const nodes = await listing;
      expect(nodes.filter((n) => n.kind === 'cluster').map((n) => n.label)).toEqual(['demo-secure', 'demo-web', 'demo-workers']);
    } finally {
      service.close();
    }
  });

  it('says so on a node expanded while the helper already runs', async () => {
    helper.reset();
    const progress: Array<{ nodeId: string | null; message: string }> = [];
    const env = helper.env;
    const service = new AwsService({ env, maxAttempts: 1, regionsFor: () => Promise.resolve([helper.sandbox.region, LATER_REGION]), events: { progress: (e) => progress.push(e) } });
    const words = 'Waiting for the credential_process of profile "signin": finish any sign-in or key touch it asks for. It is stopped after 300 s.';
    try {
      await service.profiles();
      const regions = await service.inventory.children(nodeId.profile('signin'));
      const first = nodeId.region('signin', helper.sandbox.region);
      const later = nodeId.region('signin', LATER_REGION);
      expect(regions.map((r) => r.id)).toEqual([first, later]);
      const listing = service.inventory.children(first);
      await vi.waitFor(() => expect(progress).toContainEqual({ nodeId: first, message: words, done: false }), { timeout: 10_000, interval: 20 });
      // Expanded once the helper is already running: told at once, not left with a bare spinner.
      const laterListing = service.inventory.children(later);
      await vi.waitFor(() => expect(progress).toContainEqual({ nodeId: later, message: words, done: false }), { timeout: 10_000, interval: 20 });
      helper.finish();
      await Promise.allSettled([listing, laterListing]);
    } finally {
      service.close();
    }
  });
});
