/**
 * What a failed AWS call looked like, kept for the error's "details" panel, and live retry reports.
 *
 * Three middlewares per client: the outermost names the call (`ECS ListClusters`) and, when the
 * call fails, tags the thrown error with a `CallTrace`; one after the SDK's retry middleware counts
 * attempts (reporting each retry to whoever asked through `withRetryReports`) and notes the
 * endpoint; one inside the deserializer keeps the start of an error answer's body, because an HTML
 * or XML body the JSON deserializer cannot read otherwise survives only as a SyntaxError.
 * Only the URL's origin and the answer are kept: never headers of the request (they carry the
 * signature and session token).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DeserializeMiddleware, FinalizeRequestMiddleware, HandlerExecutionContext, InitializeMiddleware, MiddlewareStack } from '@smithy/types';

export const CALL_DETAILS = {
  /** Characters of an error answer's body kept for the details panel: enough for an HTML title or an XML error. */
  RAW_BODY_CHARS: 2000,
  /** Bytes read from an error answer at most; error bodies are small, this bounds a hostile endpoint. */
  MAX_ERROR_BODY_BYTES: 256 * 1024,
} as const;

/** One call as the details panel shows it. */
export interface CallTrace {
  /** `ECS ListClusters`. */
  readonly operation: string;
  /** `https://ecs.eu-west-1.amazonaws.com` (origin only). */
  endpoint: string | undefined;
  /** HTTP attempts so far (1 = no retry). */
  attempts: number;
  /** Start of the last error answer's body, as text. */
  raw: string | undefined;
}

const TRACE = Symbol.for('porthole.callTrace');

/** Names of services as people read them in messages. */
const SERVICE_LABELS: Readonly<Record<string, string>> = { ecs: 'ECS', ssm: 'SSM', ec2: 'EC2', kms: 'KMS', sts: 'STS', iam: 'IAM', sso: 'SSO', 'sso-oidc': 'SSO OIDC' };

export type RetryReport = (retry: number, operation: string) => void;
const reporter = new AsyncLocalStorage<RetryReport>();

/** Runs `work` so that every SDK retry made inside it (however deep) is reported. */
export function withRetryReports<T>(report: RetryReport, work: () => Promise<T>): Promise<T> {
  return reporter.run(report, work);
}

/** The trace a failed call was tagged with, if it went through a client with these middlewares. */
export function callTraceOf(err: unknown): CallTrace | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const t = (err as { [TRACE]?: unknown })[TRACE];
  return typeof t === 'object' && t !== null && 'operation' in t ? (t as CallTrace) : undefined;
}

interface UrlLike {
  readonly protocol?: unknown;
  readonly hostname?: unknown;
  readonly port?: unknown;
}

function originOf(request: unknown): string | undefined {
  const r = request as UrlLike | undefined;
  if (typeof r?.hostname !== 'string' || typeof r.protocol !== 'string') return undefined;
  const port = typeof r.port === 'number' ? `:${r.port}` : '';
  return `${r.protocol.replace(/:?$/, ':')}//${r.hostname}${port}`;
}

async function readBody(body: unknown): Promise<Uint8Array | undefined> {
  if (body instanceof Uint8Array) return body;
  if (typeof body !== 'object' || body === null || !(Symbol.asyncIterator in body)) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<unknown>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk instanceof Uint8Array ? chunk : undefined;
    if (!bytes) continue;
    size += bytes.length;
    if (size > CALL_DETAILS.MAX_ERROR_BODY_BYTES) break;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

function traceIn(context: HandlerExecutionContext): CallTrace | undefined {
  const t = (context as Record<PropertyKey, unknown>)[TRACE];
  return typeof t === 'object' && t !== null ? (t as CallTrace) : undefined;
}

/** Adds the three middlewares to a client of `service` (`ecs`, `ssm`, …). */
export function attachCallDetails<I extends object, O extends object>(client: { readonly middlewareStack: MiddlewareStack<I, O> }, service: string): void {
  const label = SERVICE_LABELS[service] ?? service.toUpperCase();
  const stack = client.middlewareStack;
  const name: InitializeMiddleware<I, O> = (next, context) => async (args) => {
    const trace: CallTrace = { operation: `${label} ${(context.commandName ?? 'request').replace(/Command$/, '')}`, endpoint: undefined, attempts: 0, raw: undefined };
    (context as Record<PropertyKey, unknown>)[TRACE] = trace;
    try {
      return await next(args);
    } catch (err) {
      if (typeof err === 'object' && err !== null) Object.defineProperty(err, TRACE, { value: trace, enumerable: false, configurable: true });
      throw err;
    }
  };
  const attempt: FinalizeRequestMiddleware<I, O> = (next, context) => async (args) => {
    const trace = traceIn(context);
    if (trace) {
      trace.attempts += 1;
      trace.endpoint = originOf(args.request) ?? trace.endpoint;
      if (trace.attempts > 1) reporter.getStore()?.(trace.attempts - 1, trace.operation);
    }
    return next(args);
  };
  const keepRaw: DeserializeMiddleware<I, O> = (next, context) => async (args) => {
    const out = await next(args);
    const response = out.response as { statusCode?: unknown; body?: unknown } | undefined;
      const trace = traceIn(context);
      if (trace && response && typeof response.statusCode === 'number' && response.statusCode >= 300) {
        const bytes = await readBody(response.body);
        if (bytes) {
          response.body = bytes; // the deserializer reads the same bytes
          trace.raw = Buffer.from(bytes).toString('utf8').slice(0, CALL_DETAILS.RAW_BODY_CHARS);
        }
      }
      return out;
  };
  stack.add(name, { step: 'initialize', name: 'portholeCallTrace', priority: 'high' });
  stack.addRelativeTo(attempt, { relation: 'after', toMiddleware: 'retryMiddleware', name: 'portholeAttempt' });
  stack.addRelativeTo(keepRaw, { relation: 'after', toMiddleware: 'deserializerMiddleware', name: 'portholeRawError' });
}
