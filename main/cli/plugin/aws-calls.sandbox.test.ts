// The drop-in's ResumeSession against the sandbox's API: a session that is over (DoesNotExistException,
// what the API documents) is told as "no token", so the channel ends at once with the plugin's
// "timed out" line (§9) instead of spending its six attempts on a call that cannot succeed; a
// refusal that will repeat (AccessDeniedException: no ssm:ResumeSession permission) ends it at once
// too, but saying what was refused, never "timed out".
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import type { StartRequest } from './argv.js';
import { ResumeRefused } from '../../ssm/connection/session-gone.js';
import { sessionApis, type SessionApis } from './aws-calls.js';

let sb: Sandbox;
let apis: SessionApis | undefined;
beforeAll(async () => {
  sb = await startSandbox({ gateway: null });
});
afterAll(async () => {
  await sb.stop();
});
afterEach(() => {
  sb.apiFaults.set({ rules: [] });
  apis?.destroy();
  apis = undefined;
  vi.unstubAllEnvs();
});

/** The drop-in's AWS calls against the sandbox, with its credentials in the environment. */
function sandboxApis(): SessionApis {
  vi.stubEnv('AWS_ACCESS_KEY_ID', sb.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', sb.secretAccessKey);
  vi.stubEnv('AWS_SESSION_TOKEN', '');
  vi.stubEnv('AWS_PROFILE', '');
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
  const request: StartRequest = {
    response: { sessionId: 's-gone', tokenValue: 't', streamUrl: 'wss://unused.invalid/' },
    region: sb.region, profile: '', target: 'i-0a1b2c3d4e5f60001', documentName: undefined, parameters: undefined,
    endpoint: sb.endpoint, legacy: false,
  };
  return sessionApis(request);
}

const resumeCalls = (): number => sb.stats.byOperation['ssm.ResumeSession'] ?? 0;

describe('the drop-in\'s ResumeSession', () => {
  it('answers "no token" for a session that does not exist (any more), after one call', async () => {
    apis = sandboxApis();
    const before = resumeCalls();
    await expect(apis.resumeSession('s-gone')).resolves.toBeUndefined();
    expect(resumeCalls() - before).toBe(1);
  });

  it('a caller without ssm:ResumeSession is told so (ResumeRefused, never "timed out"), after one call', async () => {
    apis = sandboxApis();
    sb.apiFaults.set({ rules: [{ operation: 'ssm.ResumeSession', answer: 'access-denied' }] });
    const before = resumeCalls();
    const err = await apis.resumeSession('s-gone').then(() => new Error('resolved'), (e: unknown) => e);
    expect(err).toBeInstanceOf(ResumeRefused);
    expect((err as Error).message).toMatch(/lack the ssm:ResumeSession permission/);
    expect((err as Error).message).not.toMatch(/timed out/);
    expect(resumeCalls() - before).toBe(1);
  });
});
