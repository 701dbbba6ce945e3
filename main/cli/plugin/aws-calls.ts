// The AWS calls the drop-in makes besides the data channel (protocol §9, §6.6): ResumeSession and
// TerminateSession against argv[6]'s endpoint with argv[2]'s region and argv[4]'s profile, and
// KMS GenerateDataKey for encrypted sessions. The SDK resolves credentials and any endpoint_url
// from the profile, as the AWS CLI that launched us did.
//
// Each SDK client is loaded (import + construction) on its first call only: most sessions never
// resume or terminate through the API, and only encrypted ones ask KMS for a key, while loading
// an SDK client costs the drop-in's start-up a good part of its budget.
//
// Both clients get the app's request limits (requestLimits(): AWS_LIMITS.REQUEST_TIMEOUT_MS per
// attempt, CONNECT_TIMEOUT_MS to connect): without them an endpoint that takes the connection and
// never answers held a resume (and so the ssh ProxyCommand or script behind it) on the SDK's
// 15-minute idle socket per attempt. request-limits.ts loads nothing but the constants.
import type { KMSClient } from '@aws-sdk/client-kms';
import type * as SsmSdk from '@aws-sdk/client-ssm';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { AWS_LIMITS } from '../../aws/constants.js';
import { requestLimits } from '../../aws/request-limits.js';
import { Connection } from '../../ssm/connection/constants.js';
import { resumeErrorOutcome } from '../../ssm/connection/session-gone.js';
import type { DataKeyProvider } from '../../ssm/crypto/kms.js';
import type { StartRequest } from './argv.js';

/**
 * ECS Exec passes the ECS endpoint as argv[6] (§10), where ResumeSession does not exist; for such
 * an AWS host the SDK's own SSM endpoint is used instead. Any other endpoint (a sandbox, a VPC
 * endpoint) is used as given.
 */
export function ssmEndpointFor(endpoint: string): string | undefined {
  if (endpoint === '') return undefined;
  try {
    const host = new URL(endpoint).hostname;
    if (/^ecs[.-]/.test(host) && host.endsWith('.amazonaws.com')) return undefined;
  } catch {
    return undefined;
  }
  return endpoint;
}

export interface SessionApis {
  /** The new token; undefined when the session is over (no token, or DoesNotExistException); throws ResumeRefused for a refusal that will repeat. */
  resumeSession(sessionId: string): Promise<string | undefined>;
  terminateSession(sessionId: string): Promise<void>;
  /** Absent for the legacy 4-argument form, which refuses KMS encryption (§6.3). */
  dataKeys: DataKeyProvider | undefined;
  destroy(): void;
}

/** The SDK warns on stderr about Node 20; a drop-in must print only what the plugin prints. */
const SDK_NODE_WARNING_ENV = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

export interface SessionApiOptions {
  /** Overrides AWS_LIMITS.REQUEST_TIMEOUT_MS (a test of a silent endpoint uses a short one). */
  readonly requestTimeoutMs?: number;
  /** Overrides Connection.RESUME_REQUEST_TIMEOUT_MS, ResumeSession's own shorter limit. */
  readonly resumeRequestTimeoutMs?: number;
}

export function sessionApis(request: StartRequest, options: SessionApiOptions = {}): SessionApis {
  process.env[SDK_NODE_WARNING_ENV] ??= 'true';
  const common = {
    ...(request.region ? { region: request.region } : {}),
    ...(request.profile ? { profile: request.profile } : {}),
    requestHandler: requestLimits(options.requestTimeoutMs),
  };
  const endpoint = ssmEndpointFor(request.endpoint);
  // ResumeSession's per-attempt limit, never longer than the client's own.
  const resumeTimeout = Math.min(options.resumeRequestTimeoutMs ?? Connection.RESUME_REQUEST_TIMEOUT_MS, options.requestTimeoutMs ?? AWS_LIMITS.REQUEST_TIMEOUT_MS);
  let ssm: SSMClient | undefined;
  let kms: KMSClient | undefined;
  let destroyed = false;
  const ssmSdk = async (): Promise<{ client: SSMClient; sdk: typeof SsmSdk }> => {
    const sdk = await import('@aws-sdk/client-ssm');
    ssm ??= new sdk.SSMClient({ ...common, ...(endpoint ? { endpoint } : {}) });
    if (destroyed) ssm.destroy();
    return { client: ssm, sdk };
  };
  const dataKeys: DataKeyProvider | undefined = request.legacy
    ? undefined
    : {
        async generateDataKey(req) {
          const [{ KMSClient: Client }, { awsKmsDataKeyProvider }] = await Promise.all([import('@aws-sdk/client-kms'), import('../../ssm/crypto/kms.js')]);
          kms ??= new Client(common);
          if (destroyed) kms.destroy();
          return awsKmsDataKeyProvider({ client: kms }).generateDataKey(req);
        },
      };
  return {
    async resumeSession(sessionId) {
      const { client, sdk } = await ssmSdk();
      try {
        const out = await client.send(new sdk.ResumeSessionCommand({ SessionId: sessionId }), { requestTimeout: resumeTimeout });
        return out.TokenValue || undefined;
      } catch (error) {
        // Over: the channel ends with the plugin's "timed out" line at once (§9). Refused for good
        // (no ssm:ResumeSession permission): it ends at once saying so. Otherwise it tries again.
        const outcome = resumeErrorOutcome(error);
        if (outcome.gone) return undefined;
        throw outcome.throw;
      }
    },
    async terminateSession(sessionId) {
      const { client, sdk } = await ssmSdk();
      await client.send(new sdk.TerminateSessionCommand({ SessionId: sessionId }));
    },
    dataKeys,
    destroy() {
      destroyed = true;
      ssm?.destroy();
      kms?.destroy();
    },
  };
}
