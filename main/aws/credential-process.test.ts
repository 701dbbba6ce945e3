// What a credential_process leaves behind when it is stopped: a helper whose shell dies on SIGTERM
// but whose child ignores it (and let go of the output pipes) must still be killed after the grace.
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { allEnded, processAlive, stuckHelperRunning } from '../../testing/aws/stuck-helper.js';
import { CREDENTIAL_PROCESS, runCredentialProcess } from './credential-process.js';

const dir = mkdtempSync(join(tmpdir(), 'porthole-credential-process-'));
/** The limit the test moves the fake clock past. */
const LIMIT_MS = 300;

afterEach(() => vi.useRealTimers());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a credential_process stopped at its limit', () => {
  it('kills a child that ignores SIGTERM even after the shell itself has gone', async () => {
    const pidFile = join(dir, 'pids');
    const script = join(dir, 'deaf-child.sh');
    // The shell records its pid, starts a child deaf to SIGTERM with no hold on the output pipes
    // (so the command's stdio closes with the shell), records the child's pid, and waits.
    writeFileSync(script, `#!/bin/sh\necho $$ > ${pidFile}\n(trap '' TERM; exec sleep 600) </dev/null >/dev/null 2>&1 &\necho $! >> ${pidFile}\nwait\n`);
    chmodSync(script, 0o755);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const result = runCredentialProcess({ profile: 'deaf', command: script, deadlineMs: LIMIT_MS }).then(() => 'resolved', (e: unknown) => e);
    const [shell, child] = await stuckHelperRunning(pidFile);
    try {
      await vi.advanceTimersByTimeAsync(LIMIT_MS);
      expect(await result).toMatchObject({ code: 'credential-process-failed' });
      await allEnded([shell]);
      expect(processAlive(child)).toBe(true);
      await vi.advanceTimersByTimeAsync(CREDENTIAL_PROCESS.KILL_GRACE_MS);
      await allEnded([child]);
    } finally {
      for (const pid of [shell, child]) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  }, 30_000);
});
