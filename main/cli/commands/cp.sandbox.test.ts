// `porthole cp` against a running sandbox through its AWS profile (config and credential files
// the sandbox wrote, as a user would have them): up and down to an instance and a container,
// exit status 0 only with equal SHA-256, clear failures otherwise.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { memoryIo } from '../../../testing/cli/memory-io.js';
import { main } from '../main.js';

let sandbox: Sandbox;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-cp-'));
  // Unconfined: the test checks the target's copy from the host, so the target must share its files.
  sandbox = await startSandbox({ pacing: 'unpaced', gateway: { shell: '/bin/sh' }, dir, confine: false });
});
afterAll(async () => { await sandbox.stop(); });

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function cp(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo({ ...sandbox.awsEnv });
  const code = await main(['node', 'porthole', 'cp', '--profile', sandbox.profile, ...args], io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('porthole cp through the sandbox profile', () => {
  it('copies a file to an instance and back, exit 0, SHA-256 equal', async () => {
    const bytes = randomBytes(300_000);
    await writeFile(join(dir, 'up.bin'), bytes);
    const up = await cp(join(dir, 'up.bin'), `i-0a1b2c3d4e5f60002:${dir}/remote.bin`);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(new RegExp(`^Uploaded to ${dir}/remote.bin .*SHA-256 ${sha(bytes)} on both ends\\n$`));
    expect(sha(await readFile(join(dir, 'remote.bin')))).toBe(sha(bytes));
    const down = await cp('-q', `i-0a1b2c3d4e5f60002:${dir}/remote.bin`, join(dir, 'down.bin'));
    expect(down).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(sha(await readFile(join(dir, 'down.bin')))).toBe(sha(bytes));
  });

  it('copies into a container (ecs:CLUSTER/TASK/CONTAINER; a task with two asks which)', async () => {
    await writeFile(join(dir, 'c.txt'), 'to the container\n'.repeat(1000));
    const ambiguous = await cp(join(dir, 'c.txt'), `ecs:demo-web/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001:${dir}/in-container.txt`);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/has 2 containers \(app, log-router\): name one, as ecs:demo-web\/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001\/CONTAINER:\/path/);
    const up = await cp('--no-compress', join(dir, 'c.txt'), `ecs:demo-web/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001/app:${dir}/in-container.txt`);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).not.toMatch(/gzip/);
    expect(await readFile(join(dir, 'in-container.txt'), 'utf8')).toBe('to the container\n'.repeat(1000));
  });

  it('fails with status 1 and the cause for a missing remote file, writing nothing', async () => {
    const r = await cp(`i-0a1b2c3d4e5f60002:${dir}/absent.bin`, join(dir, 'absent-copy.bin'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/absent\.bin does not exist on i-0a1b2c3d4e5f60002/);
    await expect(readFile(join(dir, 'absent-copy.bin'))).rejects.toThrow(/ENOENT/);
  });

  it('fails with status 1 on the read-only container of the demo world', async () => {
    await writeFile(join(dir, 'ro.txt'), 'x');
    const r = await cp(join(dir, 'ro.txt'), `ecs:demo-workers/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0014/hardened:/tmp/ro.txt`);
    // ECS refuses the exec itself there (the agent cannot start on a read-only root), as AWS does.
    expect(r.stderr).toMatch(/^porthole: The container is not connected to Session Manager/);
    expect(r.code).toBe(1);
  });

  it('refuses two local operands with a usage message (status 2)', async () => {
    const r = await cp('a', 'b');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/one side must be local and the other remote/);
  });
});
