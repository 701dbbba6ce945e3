/** Shared set-up for the API tests: a sandbox on an ephemeral port and SDK client settings for it. */
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../main/sandbox/index.js';
import { ADMIN_SECRET_HEADER } from '../../../main/sandbox/api/admin.js';

export interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts?: number;
}

/** Starts a sandbox without the websocket gateway (these tests exercise the HTTP API only). */
export function apiSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ gateway: null, ...opts });
}

export function clientConfig(sb: Sandbox, region = sb.region, accessKeyId = sb.accessKeyId): ClientConfig {
  return { endpoint: sb.endpoint, region, credentials: { accessKeyId, secretAccessKey: sb.secretAccessKey } };
}

export interface RawRequest {
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Signing service name in the credential scope (default `ecs`). */
  readonly service?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The headers of `raw` plus a SigV4 Authorization made by the SDK's signer with the sandbox's key. */
export async function signedHeaders(sb: Sandbox, raw: RawRequest, signingDate = new Date()): Promise<Record<string, string>> {
  const url = new URL(sb.endpoint);
  const signer = new SignatureV4({
    service: raw.service ?? 'ecs',
    region: sb.region,
    sha256: Hash.bind(null, 'sha256'),
    credentials: raw.credentials ?? { accessKeyId: sb.accessKeyId, secretAccessKey: sb.secretAccessKey },
    applyChecksum: false,
  });
  const signed = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers: { ...raw.headers, host: url.host }, body: raw.body },
    { signingDate },
  );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) if (k !== 'host') out[k] = String(v);
  return out;
}

/** Posts a signed raw JSON 1.1 request, to check shapes the SDK would hide. */
export async function rawJson(sb: Sandbox, target: string, body: string): Promise<{ status: number; json: Record<string, unknown>; errorType: string | null }> {
  const headers = await signedHeaders(sb, { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body });
  const res = await fetch(sb.endpoint, { method: 'POST', headers, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, errorType: res.headers.get('x-amzn-errortype') };
}

/** Calls an admin route (`/__sandbox/<route>`) with the run's secret. */
export function adminFetch(sb: Pick<Sandbox, 'endpoint' | 'secretAccessKey'>, route: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sb.endpoint}/__sandbox/${route}`, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), [ADMIN_SECRET_HEADER]: sb.secretAccessKey } });
}
