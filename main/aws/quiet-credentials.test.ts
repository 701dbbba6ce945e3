// Background work never runs a credential_process (nor prompts, nor signs in): a helper that records
// each run gives credentials that expire; once they are within the SDK's refresh window, work run
// withoutPrompts() is refused without running the helper, and the next ordinary resolution runs it
// as before. Static keys stay usable in the background however much time passes. Only Date is
// faked (the SDK reads expiry from it); no timed assertions.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { profileIn } from '../../testing/aws/test-profiles.js';
import { credentialProviderFor } from './credentials.js';
import type { ProfileInfo } from './profiles.js';
import { CredentialCache, CredentialsWaitForUser, QUIET_CREDENTIALS, withoutPrompts } from './quiet-credentials.js';

const dir = mkdtempSync(join(tmpdir(), 'porthole-quiet-creds-'));
const config = join(dir, 'config');
const credentials = join(dir, 'credentials');
const runs = join(dir, 'helper-runs');
const helper = join(dir, 'expiring-creds.sh');
const files = { configFile: config, credentialsFile: credentials };
/** The helper's credentials last this long from when the test starts. */
const LIFETIME_MS = 30 * 60_000;
/** Moves the clock to 4 minutes before expiry: inside the SDK's 5-minute refresh window. */
const INTO_REFRESH_WINDOW_MS = LIFETIME_MS - 4 * 60_000;
const start = Date.now();

beforeAll(() => {
  const expiration = new Date(start + LIFETIME_MS).toISOString();
  writeFileSync(helper, `#!/bin/sh\necho run >> ${runs}\necho '{"Version":1,"AccessKeyId":"AKIAEXPIRING","SecretAccessKey":"expiring-secret","SessionToken":"tok","Expiration":"${expiration}"}'\n`);
  chmodSync(helper, 0o755);
  writeFileSync(config, `[profile expiring]\ncredential_process = ${helper}\n`);
  writeFileSync(credentials, '[static]\naws_access_key_id = AKIASTATIC\naws_secret_access_key = static-secret\n');
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const profile = (name: string): Promise<ProfileInfo> => profileIn(files, dir, name);
const helperRuns = (): number => (existsSync(runs) ? readFileSync(runs, 'utf8').split('\n').filter(Boolean).length : 0);

describe('quiet credentials', () => {
  it('refuses a refresh in background work without running the credential_process, and runs it for the next ordinary call', async () => {
    const cache = new CredentialCache();
    const provider = credentialProviderFor(await profile('expiring'), { files, cache });
    expect(cache.usableQuietly()).toBe(false); // nothing resolved yet: background work waits
    await expect(withoutPrompts(() => provider())).rejects.toBeInstanceOf(CredentialsWaitForUser);
    expect(helperRuns()).toBe(0);

    expect((await provider()).accessKeyId).toBe('AKIAEXPIRING');
    expect(helperRuns()).toBe(1);
    expect(cache.usableQuietly()).toBe(true);
    expect((await withoutPrompts(() => provider())).accessKeyId).toBe('AKIAEXPIRING'); // the cached ones
    expect(helperRuns()).toBe(1);

    vi.useFakeTimers({ toFake: ['Date'] });
    // Still outside the SDK's window, but too close to start background work (it might cross it).
    vi.setSystemTime(start + LIFETIME_MS - 5 * 60_000 - QUIET_CREDENTIALS.START_MARGIN_MS / 2);
    expect(cache.usableQuietly()).toBe(false);
    vi.setSystemTime(start + INTO_REFRESH_WINDOW_MS);
    expect(cache.usableQuietly()).toBe(false);
    await expect(withoutPrompts(() => provider())).rejects.toMatchObject({ code: 'expired-credentials' });
    expect(helperRuns()).toBe(1);

    await provider(); // the user's next load
    expect(helperRuns()).toBe(2);
  });

  it('keeps static keys usable in the background however much time passes', async () => {
    const cache = new CredentialCache();
    const provider = credentialProviderFor(await profile('static'), { files, cache });
    await provider();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start + 365 * 24 * 3600_000);
    expect(cache.usableQuietly()).toBe(true);
    expect((await withoutPrompts(() => provider())).accessKeyId).toBe('AKIASTATIC');
  });
});
