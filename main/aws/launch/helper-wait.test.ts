// A shell launched for a profile whose credential_process waits on the person (a browser sign-in,
// e.g. expired credentials refreshed when a container is clicked): while the helper runs, the
// launching session's status says it waits on that helper, with its limit, instead of a bare
// "connecting"; once the helper answers, the usual launch words replace it and the shell opens.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionStatus } from '../../../shared/contract/index.js';
import { ShellManager } from '../../sessions/shells/index.js';
import { AwsService } from '../aws-service.js';
import { shellLauncher } from './shell-launcher.js';
import { startSignInHelper, type SignInHelper } from '../../../testing/aws/sign-in-helper.js';

let helper: SignInHelper;

beforeAll(async () => {
  helper = await startSignInHelper('porthole-helper-wait-');
});
afterAll(() => helper.stop());

describe('a shell launch waiting on a credential_process', () => {
  it.each([
    ['signin', 'Waiting for the credential_process of profile "signin": finish any sign-in or key touch it asks for. It is stopped after 300 s.'],
    ['work', 'Waiting for the credential_process of profile "signin" (the source of "work"): finish any sign-in or key touch it asks for. It is stopped after 300 s.'],
  ])('tells the opening tab so for profile %s, then the usual words once the helper answers', async (profile, words) => {
    helper.reset();
    const service = new AwsService({ env: helper.env });
    const shells = new ShellManager({ launch: shellLauncher(service, () => Promise.resolve('/bin/sh')) });
    const opening: SessionStatus[] = [];
    try {
      const open = shells.open(
        { target: { kind: 'instance', profile, region: helper.sandbox.region, instanceId: 'i-0a1b2c3d4e5f60002' }, cols: 80, rows: 24 },
        () => ({ output: () => undefined, status: () => undefined, opening: (s) => opening.push(s) }),
        () => undefined,
      );
      await vi.waitFor(() => expect(helper.started()).toBe(true), { timeout: 10_000, interval: 20 });
      await vi.waitFor(() => expect(opening.at(-1)).toEqual({ state: 'connecting', reason: words }), { timeout: 10_000, interval: 20 });
      helper.finish();
      const shell = await open;
      expect(shell.launched).toBe(true);
      // The helper answered: its words gave way to the launch's own before the session existed.
      expect(opening.slice(opening.findIndex((s) => s.reason === words))).toContainEqual({ state: 'connecting', reason: 'Starting the session' });
      expect(opening.at(-1)?.reason).not.toBe(words);
    } finally {
      await shells.closeAll();
      service.close();
    }
  });
});
