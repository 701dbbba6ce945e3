// The app's ResumeSession callback (resume-ssm.ts) on an endpoint that takes the connection and
// never answers: each attempt ends at ResumeSession's own limit, however long the client's is, so a
// frozen session's resume moves on to a fresh attempt instead of waiting out the client's limit.
import { SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSilentServer, type SilentServer } from '../../../testing/aws/silent-server.js';
import { within } from '../../../testing/vitest/bounded.js';
import { requestLimits } from '../../aws/request-limits.js';
import { ssmResumeSession } from './resume-ssm.js';

/** The limit the test gives ResumeSession; the product's is Connection.RESUME_REQUEST_TIMEOUT_MS. */
const RESUME_TIMEOUT_MS = 150;
/** The client's own limit: longer than the bound `within` puts on the whole call. */
const CLIENT_TIMEOUT_MS = 60_000;

let server: SilentServer;
beforeAll(async () => {
  server = await startSilentServer();
});
afterAll(async () => {
  await server.close();
});

describe('ssmResumeSession on an endpoint that never answers', () => {
  it('fails each attempt at its own limit, not the client\'s', async () => {
    const client = new SSMClient({
      region: 'us-east-1',
      endpoint: server.url,
      credentials: { accessKeyId: 'AKIASILENT', secretAccessKey: 'silent-secret' },
      requestHandler: requestLimits(CLIENT_TIMEOUT_MS),
      maxAttempts: 2,
    });
    try {
      const before = server.connections();
      const err = await within('ResumeSession to give up on the silent endpoint', ssmResumeSession(client, RESUME_TIMEOUT_MS)('s-silent').then(() => new Error('resumed'), (e: unknown) => e));
      expect(err).toMatchObject({ name: 'TimeoutError' });
      expect(server.connections() - before).toBe(2);
    } finally {
      client.destroy();
    }
  });
});
