/**
 * The facts of a thrown SDK error that the error map words: AWS's error code, the HTTP status and
 * request id (from `$metadata` and `$response`), the call (from the trace our middleware attached)
 * and the raw answer. When the SDK could not read the answer at all (an HTML 500 page, an XML 403
 * from a proxy in front of a JSON service) it throws a SyntaxError; the code is then read from the
 * raw body or the `x-amzn-errortype` header, and the SDK's own hints are dropped.
 */
import type { ErrorDetails } from '../../shared/contract/common.js';
import { CALL_DETAILS, callTraceOf } from './call-details.js';

export interface Facts {
  /** AWS's error code when known, else the error's class name. */
  readonly name: string;
  readonly message: string;
  /** Node's errno (`ECONNREFUSED`). */
  readonly errno: string;
  readonly status: number | undefined;
  /** The SDK could not read the answer (non-AWS body); status and raw text are all there is. */
  readonly unreadable: boolean;
  readonly details: ErrorDetails | undefined;
}

/** The SDK's advice appended to deserialization errors ("inspect the hidden field {error}.$response"). */
const SDK_HINT = /\s*Deserialization error: to see the raw response[\s\S]*$/;
/** Names of the members, elements and settings that carry a secret (STS, SSO OIDC and portal answers, INI files). */
const SECRET_NAMES = 'SecretAccessKey|SessionToken|AccessToken|RefreshToken|ClientSecret|aws_secret_access_key|aws_session_token';
/** Secrets that must never reach the details even if an answer echoes them, in any shape an answer has. */
const SECRET_PATTERNS: readonly RegExp[] = [
  /(X-Amz-Security-Token=)[^&\s"<]+/gi,
  /(X-Amz-Signature=|Signature=)[0-9a-f]{16,}/gi,
  // INI lines: aws_secret_access_key = …
  new RegExp(`((?:${SECRET_NAMES})\\s*[=:]\\s*)[^\\s"'<,}]+`, 'gi'),
  // JSON members: "secretAccessKey": "…"
  new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*)"[^"]*"`, 'gi'),
  // XML elements: <SecretAccessKey>…</SecretAccessKey>
  new RegExp(`(<(?:${SECRET_NAMES})>)[^<]*`, 'gi'),
];

export function redact(text: string): string {
  return SECRET_PATTERNS.reduce((t, p) => t.replace(p, '$1[redacted]'), text);
}

/** `AccessDeniedException` from JSON `__type`/`code`, XML `<Code>`, or the error-type header. */
export function codeFromAnswer(raw: string | undefined, headers: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const header = headers?.['x-amzn-errortype'];
  if (typeof header === 'string' && header) return header.split(':')[0];
  if (!raw) return undefined;
  const xml = /<Code>\s*([A-Za-z0-9.]+)\s*<\/Code>/.exec(raw)?.[1];
  if (xml) return xml;
  try {
    const body = JSON.parse(raw) as { __type?: unknown; code?: unknown; Code?: unknown };
    const t = [body.__type, body.code, body.Code].find((v): v is string => typeof v === 'string' && v.length > 0);
    return t?.split('#').pop()?.split(':')[0];
  } catch {
    return undefined;
  }
}

/** The answer's own message (`<Message>` or JSON `message`), when it has one. */
function messageFromAnswer(raw: string | undefined): string {
  if (!raw) return '';
  const xml = /<Message>([^<]{1,1000})<\/Message>/.exec(raw)?.[1];
  if (xml) return xml.trim();
  try {
    const body = JSON.parse(raw) as { message?: unknown; Message?: unknown };
    const m = body.message ?? body.Message;
    return typeof m === 'string' ? m : '';
  } catch {
    return '';
  }
}

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  Code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
  $response?: { statusCode?: unknown; headers?: Record<string, unknown> };
}

function requestIdOf(e: SdkErrorShape): string | undefined {
  if (typeof e.$metadata?.requestId === 'string') return e.$metadata.requestId;
  const h = e.$response?.headers;
  const id = h?.['x-amzn-requestid'] ?? h?.['x-amz-request-id'];
  return typeof id === 'string' ? id : undefined;
}

function statusOf(e: SdkErrorShape): number | undefined {
  const s = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  return typeof s === 'number' && s >= 100 && s <= 599 ? s : undefined;
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export function factsOf(err: unknown): Facts {
  if (typeof err !== 'object' || err === null) return { name: 'Error', message: String(err), errno: '', status: undefined, unreadable: false, details: undefined };
  const e = err as SdkErrorShape;
  const trace = callTraceOf(err);
  const status = statusOf(e);
  const rawMessage = typeof e.message === 'string' ? e.message : '';
  const className = typeof e.name === 'string' ? e.name : 'Error';
  // A modeled service exception carries $fault; anything else that has an HTTP status was an answer the SDK could not read.
  const modeled = typeof e.$fault === 'string' && className !== 'Unknown' && className !== 'UnknownError';
  const unreadable = status !== undefined && !modeled;
  const answerCode = unreadable ? codeFromAnswer(trace?.raw, e.$response?.headers) : undefined;
  const name = (typeof e.Code === 'string' ? e.Code : undefined) ?? answerCode ?? className;
  const message = rawMessage.replace(SDK_HINT, '');
  const raw = redact((trace?.raw ?? message).trim()).slice(0, CALL_DETAILS.RAW_BODY_CHARS);
  const details = trace || status !== undefined
    ? compact<ErrorDetails>({ operation: trace?.operation, endpoint: trace?.endpoint, status, requestId: requestIdOf(e), code: modeled || answerCode ? name : undefined, raw: raw || undefined })
    : undefined;
  return { name, message: unreadable ? messageFromAnswer(trace?.raw) : message, errno: typeof e.code === 'string' ? e.code : '', status, unreadable, details };
}

/** "server error", "access denied": what an HTTP status means, for the sentence. */
export function statusWords(status: number): string {
  const known: Readonly<Record<number, string>> = { 400: 'bad request', 401: 'not signed in', 403: 'access denied', 404: 'not found', 408: 'request timeout', 413: 'request too large', 429: 'too many requests', 500: 'server error', 502: 'bad gateway', 503: 'service unavailable', 504: 'gateway timeout' };
  return known[status] ?? (status >= 500 ? 'server error' : status >= 400 ? 'client error' : 'unexpected answer');
}
