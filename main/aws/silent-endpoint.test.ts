// An endpoint that takes the connection and then never answers (a stuck proxy, a VPC endpoint
// whose security group drops the reply): each call ends with a plain "did not answer" error
// instead of a spinner that waits on the SDK's 15-minute socket default.
import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAwsError } from './error-map.js';
import { ProfileSession } from './profile-session.js';
import type { ProfileInfo } from './profiles.js';
import { startSilentServer, type SilentServer } from '../../testing/aws/silent-server.js';

let server: SilentServer;

beforeAll(async () => {
  server = await startSilentServer();
});
afterAll(async () => {
  await server.close();
});

function staticProfile(endpoint: string): ProfileInfo {
  return {
    name: 'silent', kind: 'environment', files: [], region: 'us-east-1', regionFromEnv: false, isDefault: false,
    mfaSerial: null, roleArn: null, sourceProfile: null, sso: null, problem: null,
    endpoints: { ecs: { url: endpoint, source: 'profile' } },
  };
}

describe('an endpoint that never answers', () => {
  it('fails the call with a plain timeout error after its attempts', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'AKIASILENT';
    process.env.AWS_SECRET_ACCESS_KEY = 'silent-secret';
    // A short timeout keeps the test fast; the product's is AWS_LIMITS.REQUEST_TIMEOUT_MS.
    const session = new ProfileSession(staticProfile(server.url), { files: { configFile: '/nonexistent/config', credentialsFile: '/nonexistent/credentials' }, maxAttempts: 2, requestTimeoutMs: 150 });
    try {
      const before = server.connections();
      const thrown: unknown = await session.ecs().send(new ListClustersCommand({})).catch((e: unknown) => e);
      const err = toAwsError(thrown, { profile: 'silent', region: 'us-east-1', operation: 'listing ECS clusters' });
      expect(err.code).toBe('endpoint-unreachable');
      expect(err.message).toBe('The AWS endpoint did not answer in time (listing ECS clusters in us-east-1 with profile "silent").');
      expect(err.nextStep).toContain('proxy');
      expect(err.details).toMatchObject({ operation: 'ECS ListClusters', endpoint: server.url });
      // Both attempts went out, each on a connection of its own (the stuck one is dropped).
      expect(server.connections() - before).toBe(2);
    } finally {
      session.close();
      process.env.AWS_ACCESS_KEY_ID = saved.id;
      process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });
});
