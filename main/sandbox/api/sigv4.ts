/**
 * SigV4 verification of the sandbox's API requests. The expected signature is computed by the
 * SDK's own signer (`@smithy/signature-v4`) over the request as received — the headers the client
 * listed in SignedHeaders, the path, the query and the SHA-256 of the body actually read — with
 * the secret the sandbox holds for the access key named in the credential scope, and compared
 * in constant time. Only the Authorization-header form is accepted (no presigned query strings:
 * no client of the sandbox uses them for these JSON and Query APIs).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';

export const SIGV4 = {
  algorithm: 'AWS4-HMAC-SHA256',
  /** AWS refuses a signature dated more than 15 minutes from its clock ("Signature expired"). */
  maxClockSkewMs: 15 * 60 * 1000,
  /** `x-amz-content-sha256` value meaning "the body is not covered": refused, these are not S3 APIs. */
  unsignedPayload: 'UNSIGNED-PAYLOAD',
} as const;

/** The secret (and, for STS-issued keys, the session token) that an access key signs with. */
export interface SigningSecret {
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export type VerifyFailure =
  /** No Authorization header (or only a presigned query string). */
  | { readonly kind: 'missing'; readonly message: string }
  /** An Authorization header that is not a complete SigV4 header. */
  | { readonly kind: 'incomplete'; readonly message: string }
  /** A well-formed signature by a key this sandbox never issued. */
  | { readonly kind: 'unknown-key'; readonly message: string }
  /** Signed with another secret, or over other bytes than those received. */
  | { readonly kind: 'bad-signature'; readonly message: string }
  /** Correctly signed, but dated too far from now. */
  | { readonly kind: 'expired'; readonly message: string };

export interface Verified {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
}

interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Splits `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`; undefined when any part is missing. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  if (!header.startsWith(`${SIGV4.algorithm} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(SIGV4.algorithm.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const scope = (fields.get('Credential') ?? '').split('/');
  const signedHeaders = (fields.get('SignedHeaders') ?? '').split(';').filter((h) => h.length > 0);
  const signature = fields.get('Signature') ?? '';
  const [accessKeyId, date, region, service, terminator] = scope;
  if (scope.length !== 5 || !accessKeyId || !date || !region || !service || terminator !== 'aws4_request') return undefined;
  if (!/^[0-9a-f]{64}$/.test(signature) || !signedHeaders.includes('host')) return undefined;
  return { accessKeyId, date, region, service, signedHeaders, signature };
}

function parseAmzDate(value: string): Date | undefined {
  const m = AMZ_DATE.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function amzDateOf(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Checks one request. `secretFor` answers the secret of a key the sandbox knows (undefined for a
 * foreign key); `now` is the sandbox's clock.
 */
export async function verifySigV4(
  req: IncomingMessage,
  body: Buffer,
  secretFor: (accessKeyId: string) => SigningSecret | undefined,
  now = Date.now(),
): Promise<Verified | VerifyFailure> {
  const header = headerValue(req, 'authorization');
  if (header === undefined) return { kind: 'missing', message: 'Missing Authentication Token' };
  const auth = parseAuthorization(header);
  if (!auth) return { kind: 'incomplete', message: `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' (including host) parameters, signed with ${SIGV4.algorithm}.` };
  const amzDate = headerValue(req, 'x-amz-date');
  const signingDate = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (!signingDate || !auth.signedHeaders.includes('x-amz-date')) return { kind: 'incomplete', message: 'Authorization requires a signed X-Amz-Date header (YYYYMMDDTHHMMSSZ).' };
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = headerValue(req, name);
    if (value === undefined) return { kind: 'incomplete', message: `The header ${name} is listed in SignedHeaders but is not in the request.` };
    headers[name] = value;
  }

  const secret = secretFor(auth.accessKeyId);
  if (!secret) return { kind: 'unknown-key', message: 'The security token included in the request is invalid.' };

  // The signature covers the body through this header when present: it must hash the body received.
  const claimedHash = headers['x-amz-content-sha256'];
  if (claimedHash !== undefined && claimedHash !== createHash('sha256').update(body).digest('hex')) {
    return { kind: 'bad-signature', message: claimedHash === SIGV4.unsignedPayload ? 'The sandbox APIs require a signed payload.' : SIGNATURE_MISMATCH };
  }

  const url = new URL(req.url ?? '/', 'http://sandbox');
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prior = query[k];
    query[k] = prior === undefined ? v : Array.isArray(prior) ? [...prior, v] : [prior, v];
  }
  const signer = new SignatureV4({
    service: auth.service,
    region: auth.region,
    sha256: Hash.bind(null, 'sha256'),
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey: secret.secretAccessKey, ...(secret.sessionToken ? { sessionToken: secret.sessionToken } : {}) },
    // Never add x-amz-content-sha256 ourselves: only what the client signed is in the canonical request.
    applyChecksum: false,
  });
  const signed = await signer.sign(
    { method: req.method ?? 'POST', protocol: 'http:', hostname: headers['host'] ?? '', path: url.pathname, query, headers, body },
    { signingDate, signingRegion: auth.region, signingService: auth.service, signableHeaders: new Set(auth.signedHeaders) },
  );
  const expected = parseAuthorization(String(signed.headers['authorization'] ?? ''));
  const same =
    expected !== undefined &&
    expected.date === auth.date &&
    expected.signedHeaders.join(';') === auth.signedHeaders.join(';') &&
    timingSafeEqual(Buffer.from(expected.signature, 'hex'), Buffer.from(auth.signature, 'hex'));
  if (!same) return { kind: 'bad-signature', message: SIGNATURE_MISMATCH };

  if (Math.abs(now - signingDate.getTime()) > SIGV4.maxClockSkewMs) {
    const earliest = amzDateOf(new Date(now - SIGV4.maxClockSkewMs));
    return { kind: 'expired', message: `Signature expired: ${amzDate ?? ''} is now earlier than ${earliest} (${amzDateOf(new Date(now))} - 15 min.)` };
  }
  return { accessKeyId: auth.accessKeyId, region: auth.region, service: auth.service };
}

export function isVerified(r: Verified | VerifyFailure): r is Verified {
  return !('kind' in r);
}
