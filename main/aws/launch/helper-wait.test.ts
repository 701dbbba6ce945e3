// A shell launched for a profile whose credential_process waits on the person (a browser sign-in,
// e.g. expired credentials refreshed when a container is clicked): while the helper runs, the
// launching session's status says it waits on that helper, with its limit, instead of a bare
// "connecting"; once the helper answers, the usual launch words replace it and the shell opens.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionStatus } from '../../../shared/contract/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { ShellManager } from '../../sessions/shells/index.js';
import { AwsService } from '../aws-service.js';
import { shellLauncher } from './shell-launcher.js';

const dir = mkdtempSync(join(tmpdir(), 'porthole-helper-wait-'));
const started = join(dir, 'started');
const go = join(dir, 'go');
let sandbox: Sandbox;

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

describe('a shell launch waiting on a credential_process', () => {
  it.each([
    ['signin', 'Waiting for the credential_process of profile "signin": finish any sign-in or key touch it asks for. It is stopped after 300 s.'],
    ['work', 'Waiting for the credential_process of profile "signin" (the source of "work"): finish any sign-in or key touch it asks for. It is stopped after 300 s.'],
  ])('tells the opening tab so for profile %s, then the usual words once the helper answers', async (profile, words) => {
    rmSync(go, { force: true });
    rmSync(started, { force: true });
    const service = new AwsService({ env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), HOME: dir } });
    const shells = new ShellManager({ launch: shellLauncher(service, () => Promise.resolve('/bin/sh')) });
    const opening: SessionStatus[] = [];
    try {
      const open = shells.open(
        { target: { kind: 'instance', profile, region: sandbox.region, instanceId: 'i-0a1b2c3d4e5f60002' }, cols: 80, rows: 24 },
        () => ({ output: () => undefined, status: () => undefined, opening: (s) => opening.push(s) }),
        () => undefined,
      );
      await vi.waitFor(() => expect(existsSync(started)).toBe(true), { timeout: 10_000, interval: 20 });
      await vi.waitFor(() => expect(opening.at(-1)).toEqual({ state: 'connecting', reason: words }), { timeout: 10_000, interval: 20 });
      writeFileSync(go, '');
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
