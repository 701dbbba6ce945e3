/** Shared set-up for the API tests: a sandbox on an ephemeral port and SDK client settings for it. */
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../main/sandbox/index.js';

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

/** Posts a raw JSON 1.1 request, to check shapes the SDK would hide. */
export async function rawJson(sb: Sandbox, target: string, body: string): Promise<{ status: number; json: Record<string, unknown>; errorType: string | null }> {
  const res = await fetch(sb.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, errorType: res.headers.get('x-amzn-errortype') };
}
