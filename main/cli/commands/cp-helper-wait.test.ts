// `porthole cp` with a profile whose credential_process waits on the person (a browser sign-in):
// while the copy waits on it, stderr says so in the app's words, once, and stdout carries only the
// copy's own summary. Both places a copy can first need the credentials are covered: a container's
// lookup (DescribeTasks, before any session) and an instance's session launch.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSignInHelper, type SignInHelper } from '../../../testing/aws/sign-in-helper.js';
import { memoryIo } from '../../../testing/cli/memory-io.js';
import { main } from '../main.js';

const WORDS = 'porthole: Waiting for the credential_process of profile "signin": finish any sign-in or key touch it asks for. It is stopped after 300 s.\n';
/** How long the test waits for the words: the helper's start under load, never a measured figure. */
const EVENT_WAIT = { timeout: 20_000, interval: 20 };

let helper: SignInHelper;
let dir: string;
beforeAll(async () => {
  // Unconfined: the copy lands where the test reads it back.
  helper = await startSignInHelper('porthole-cp-helper-', { pacing: 'unpaced', gateway: { shell: '/bin/sh' }, confine: false });
  dir = await mkdtemp(join(tmpdir(), 'porthole-cp-helper-files-'));
});
afterAll(async () => {
  await helper.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs `porthole cp --profile signin ARGS`; the person finishes the sign-in once the words are on stderr. */
async function cpSigningIn(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; stdoutWhileWaiting: string }> {
  helper.reset();
  const io = memoryIo({ ...helper.env });
  const running = main(['node', 'porthole', 'cp', '--profile', 'signin', ...args], io);
  try {
    await vi.waitFor(() => expect(io.err()).toContain(WORDS), EVENT_WAIT);
  } finally {
    helper.finish();
  }
  const stdoutWhileWaiting = io.out();
  const code = await running;
  return { code, stdout: io.out(), stderr: io.err(), stdoutWhileWaiting };
}

describe('porthole cp waiting on a credential_process', () => {
  it('says so on stderr while an instance session launch waits, and copies once it answers', async () => {
    const bytes = randomBytes(4096);
    await writeFile(join(dir, 'up.bin'), bytes);
    const r = await cpSigningIn(join(dir, 'up.bin'), `i-0a1b2c3d4e5f60002:${dir}/remote.bin`);
    expect(r.stdoutWhileWaiting).toBe('');
    expect(r.stderr).toBe(WORDS);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Uploaded to .*on both ends\n$/);
    expect(await readFile(join(dir, 'remote.bin'))).toEqual(bytes);
  });

  it("says so on stderr while a container's lookup waits", async () => {
    await writeFile(join(dir, 'c.txt'), 'to the container\n');
    const r = await cpSigningIn('-q', join(dir, 'c.txt'), `ecs:demo-web/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001/app:${dir}/in-container.txt`);
    expect(r.stderr).toBe(WORDS);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(await readFile(join(dir, 'in-container.txt'), 'utf8')).toBe('to the container\n');
  });
});
