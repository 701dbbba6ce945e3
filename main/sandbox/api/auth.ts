/**
 * SigV4 is accepted without verifying signatures (any credentials work), but the credential
 * scope is read: its access key picks the account, its region picks the region and its service
 * name routes Query-protocol requests that share one endpoint.
 */
import type { IncomingMessage } from 'node:http';

export interface CallerScope {
  readonly accessKeyId?: string;
  readonly region?: string;
  readonly service?: string;
}

/** Credential=AKID/20240101/us-east-1/ecs/aws4_request (header or presigned query string). */
const CREDENTIAL_PATTERN = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

export function callerScope(req: IncomingMessage, query: URLSearchParams): CallerScope {
  const header = req.headers.authorization ?? '';
  const match = CREDENTIAL_PATTERN.exec(header);
  if (match) return { accessKeyId: match[1], region: match[2], service: match[3] };
  const presigned = query.get('X-Amz-Credential');
  if (presigned) {
    const [accessKeyId, , region, service] = presigned.split('/');
    return { accessKeyId, region, service };
  }
  return {};
}
