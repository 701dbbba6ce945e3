// The drop-in's own AWS calls (ResumeSession / TerminateSession against argv[6]'s endpoint, KMS
// GenerateDataKey against the profile's) on an endpoint that takes the connection and never
// answers: each ends with the SDK's TimeoutError after its attempts, as the app's clients do,
// instead of holding the plugin (and the ssh ProxyCommand or script behind it) on the SDK's
// 15-minute idle socket.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSilentServer, type SilentServer } from '../../../testing/aws/silent-server.js';
import { silentStartRequest, stubSilentAwsEnv } from '../../../testing/cli/silent-drop-in.js';
import { within } from '../../../testing/vitest/bounded.js';
import type { StartRequest } from './argv.js';
import { sessionApis, type SessionApis } from './aws-calls.js';

/** A short limit keeps the test fast; the product's is AWS_LIMITS.REQUEST_TIMEOUT_MS. */
const TEST_REQUEST_TIMEOUT_MS = 150;
/** A client limit longer than the wait bound of `failure` (testing/vitest/bounded.ts). */
const LONG_CLIENT_TIMEOUT_MS = 60_000;

let server: SilentServer;
let apis: SessionApis | undefined;

beforeAll(async () => {
  server = await startSilentServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  // Static keys from the environment and no shared files: nothing but the silent server is asked.
  stubSilentAwsEnv();
  // The KMS client takes its endpoint as the AWS CLI's profile would give it (argv[6] is SSM's).
  vi.stubEnv('AWS_ENDPOINT_URL_KMS', server.url);
});
afterEach(() => {
  apis?.destroy();
  apis = undefined;
  vi.unstubAllEnvs();
});

const request = (): StartRequest => silentStartRequest(server.url, 'wss://unused.invalid/');

async function failure(what: string, call: Promise<unknown>): Promise<unknown> {
  // Bounded so that, without the limits, the test fails naming the call instead of a bare timeout.
  return within(`${what} to give up on the silent endpoint`, call.then(() => new Error(`${what} succeeded`), (e: unknown) => e));
}

describe('the drop-in\'s AWS calls on an endpoint that never answers', () => {
  it('ResumeSession and TerminateSession fail with a timeout after their attempts', async () => {
    apis = sessionApis(request(), { requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS });
    for (const [what, call] of [['ResumeSession', () => apis?.resumeSession('s-silent')], ['TerminateSession', () => apis?.terminateSession('s-silent')]] as const) {
      const before = server.connections();
      const err = await failure(what, Promise.resolve(call()));
      expect(err).toMatchObject({ name: 'TimeoutError' });
      // The SDK retried the timeout (a retryable error), each attempt on a connection of its own.
      expect(server.connections() - before).toBeGreaterThan(1);
    }
  });

  it('ResumeSession gives up on its own per-attempt limit when the client\'s is longer', async () => {
    // Without the per-call limit each attempt would wait the client's minute: the bound below fails first.
    apis = sessionApis(request(), { requestTimeoutMs: LONG_CLIENT_TIMEOUT_MS, resumeRequestTimeoutMs: TEST_REQUEST_TIMEOUT_MS });
    const err = await failure('ResumeSession', Promise.resolve(apis.resumeSession('s-silent')));
    expect(err).toMatchObject({ name: 'TimeoutError' });
  });

  it('KMS GenerateDataKey fails with a timeout after its attempts', async () => {
    apis = sessionApis(request(), { requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS });
    const keys = apis.dataKeys;
    expect(keys).toBeDefined();
    const before = server.connections();
    const err = await failure('GenerateDataKey', Promise.resolve(keys?.generateDataKey({ keyId: 'alias/silent', encryptionContext: { 'aws:ssm:SessionId': 's-silent' } })));
    expect(err).toMatchObject({ name: 'TimeoutError' });
    expect(server.connections() - before).toBeGreaterThan(1);
  });
});
