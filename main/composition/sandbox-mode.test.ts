import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideSandbox } from './sandbox-mode.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-mode-'));
  await writeFile(join(dir, 'config'), '[profile work]\nregion = eu-west-1\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const none = () => ({ HOME: dir, AWS_CONFIG_FILE: join(dir, 'absent-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'absent-credentials') });

describe('decideSandbox', () => {
  it('starts the sandbox when no profile or credentials exist', async () => {
    expect(await decideSandbox(none())).toEqual({ start: true, why: 'no AWS profiles or credentials found' });
  });

  it('uses the person’s AWS setup when a profile exists', async () => {
    expect(await decideSandbox({ ...none(), AWS_CONFIG_FILE: join(dir, 'config') })).toEqual({ start: false, why: 'AWS profiles found' });
  });

  it('counts environment credentials as an AWS setup', async () => {
    expect((await decideSandbox({ ...none(), AWS_ACCESS_KEY_ID: 'AKIAX', AWS_SECRET_ACCESS_KEY: 'y' })).start).toBe(false);
  });

  it('obeys PORTHOLE_SANDBOX either way', async () => {
    expect(await decideSandbox({ ...none(), AWS_CONFIG_FILE: join(dir, 'config'), PORTHOLE_SANDBOX: '1' })).toEqual({ start: true, why: 'PORTHOLE_SANDBOX=1' });
    expect(await decideSandbox({ ...none(), PORTHOLE_SANDBOX: '0' })).toEqual({ start: false, why: 'PORTHOLE_SANDBOX=0' });
  });
});
