// A credential_process still waiting (a browser sign-in) when its profile is closed or the app
// quits is stopped: it runs in its own process group with an unref'd deadline, so nothing else
// would end it. A refresh of the profile meanwhile joins it (or takes its answer, whenever the
// refreshed session asks) rather than starting a second sign-in.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { processAlive as alive } from '../../testing/aws/stuck-helper.js';
import { AwsService } from './aws-service.js';
import { nodeId } from './inventory/node-ids.js';

const dir = mkdtempSync(join(tmpdir(), 'porthole-helper-cancel-'));
const pidFile = join(dir, 'pid');
const runs = join(dir, 'runs');
const go = join(dir, 'go');
const WAIT = { timeout: 10_000, interval: 20 };

/** Nothing listens there: once the helper answers, the call fails at once (the test is about the helper). */
const NO_ENDPOINT = 'http://127.0.0.1:9';

beforeEach(() => {
  for (const f of [pidFile, runs, go]) rmSync(f, { force: true });
  const helper = join(dir, 'sign-in.sh');
  // Records its pid and each run, then waits until the test (the person) finishes the sign-in.
  writeFileSync(helper, `#!/bin/sh\necho $$ >> ${runs}\necho $$ > ${pidFile}\nwhile [ ! -f ${go} ]; do sleep 0.05; done\necho '{"Version":1,"AccessKeyId":"AKIDEXAMPLE","SecretAccessKey":"secret"}'\n`);
  chmodSync(helper, 0o755);
  writeFileSync(join(dir, 'config'), `[profile signin]\ncredential_process = ${helper}\nporthole_credential_process_timeout = 300\nregion = us-east-1\nendpoint_url = ${NO_ENDPOINT}\n`);
  writeFileSync(join(dir, 'credentials'), '');
});
afterAll(() => {
  writeFileSync(go, '');
  rmSync(dir, { recursive: true, force: true });
});

function service(): AwsService {
  return new AwsService({ env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), HOME: dir }, maxAttempts: 1 });
}

async function helperPid(): Promise<number> {
  await vi.waitFor(() => expect(existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '').toBe(true), WAIT);
  return Number(readFileSync(pidFile, 'utf8').trim());
}

describe('a credential_process still waiting', () => {
  it('is stopped when the service closes (app quit), and the call fails as cancelled', async () => {
    const aws = service();
    await aws.profiles();
    const call = (await aws.workspace.open('signin')).ecs().send(new ListClustersCommand({}));
    const pid = await helperPid();
    expect(alive(pid)).toBe(true);
    aws.close();
    await expect(call).rejects.toThrow(/credential_process of profile "signin" was cancelled/);
    await vi.waitFor(() => expect(alive(pid)).toBe(false), WAIT);
  });

  it('is run once when the profile is refreshed while it waits: the refreshed session joins it', async () => {
    const aws = service();
    try {
      await aws.profiles();
      const first = (await aws.workspace.open('signin')).ecs().send(new ListClustersCommand({}));
      const pid = await helperPid();
      await aws.inventory.refresh(nodeId.profile('signin'));
      expect(alive(pid)).toBe(true);
      const second = (await aws.workspace.open('signin')).ecs().send(new ListClustersCommand({}));
      writeFileSync(go, '');
      const [, after] = await Promise.allSettled([first, second]);
      // The helper answered; the call itself fails at the endpoint nobody listens on, never on credentials.
      expect(after.status === 'rejected' ? String(after.reason) : '').not.toMatch(/credential_process/);
      expect(readFileSync(runs, 'utf8').trim().split('\n')).toHaveLength(1);
    } finally {
      aws.close();
    }
  });

  it('is run once when the profile is refreshed while it waits and the refreshed session asks only after it answered', async () => {
    const aws = service();
    try {
      await aws.profiles();
      const first = (await aws.workspace.open('signin')).ecs().send(new ListClustersCommand({}));
      await helperPid();
      await aws.inventory.refresh(nodeId.profile('signin'));
      writeFileSync(go, '');
      await first.catch(() => undefined);
      // The answer came before the refreshed session asked: it takes that answer rather than a second sign-in.
      const second = await (await aws.workspace.open('signin')).ecs().send(new ListClustersCommand({})).then(() => '', (e: unknown) => String(e));
      expect(second).not.toMatch(/credential_process/);
      expect(readFileSync(runs, 'utf8').trim().split('\n')).toHaveLength(1);
    } finally {
      aws.close();
    }
  });
});
