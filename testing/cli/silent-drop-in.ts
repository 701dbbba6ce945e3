// What a drop-in test against the silent server (testing/aws/silent-server.ts) sets up: an
// environment where the drop-in's AWS clients ask nothing but that server, and the request the
// AWS CLI would hand the drop-in for a session there.
import { vi } from 'vitest';
import type { StartRequest } from '../../main/cli/plugin/argv.js';

/** Static keys from the environment and no shared files. Undo with vi.unstubAllEnvs(). */
export function stubSilentAwsEnv(): void {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIASILENT');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'silent-secret');
  vi.stubEnv('AWS_SESSION_TOKEN', '');
  vi.stubEnv('AWS_PROFILE', '');
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
}

/** The drop-in's request for session `s-silent`, its SSM endpoint (argv[6]) `endpoint`. */
export function silentStartRequest(endpoint: string, streamUrl: string): StartRequest {
  return {
    response: { sessionId: 's-silent', tokenValue: 't', streamUrl },
    region: 'us-east-1',
    profile: '',
    target: 'i-0a1b2c3d4e5f60001',
    documentName: undefined,
    parameters: undefined,
    endpoint,
    legacy: false,
  };
}
