/**
 * The sandbox's AWS endpoint: one HTTP request handler for ECS, SSM and KMS (JSON 1.1) and EC2,
 * STS and IAM (Query), shared with the message gateway's websocket upgrades on the same server.
 * Every failure becomes an AWS-shaped error; nothing a client sends can crash the process.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { refuseForeignRequest } from '../host-check.js';
import { exitContainer } from './ecs/container-exit.js';
import { ADMIN_PREFIX, ADMIN_SECRET_HEADER, handleAdmin, sendAdmin, type AdminHooks } from './admin.js';
import { resolveCaller } from './caller.js';
import type { ApiDeps, RequestContext } from './context.js';
import { type ApiFaults, sendRawFault, stripRuntimeIds } from '../faults/api-faults.js';
import { handleSso } from './sso/routes.js';
import type { SsoState } from './sso/sso-state.js';
import { ApiError, authFailure, deniedByFault, expiredToken, internalError, throttled, type ServiceName } from './errors.js';
import { missingOperation, parseJsonBody, routeJson, sendJson, sendJsonError } from './json-protocol.js';
import { Params } from './params.js';
import { routeQuery, sendXml, sendXmlError } from './query-protocol.js';
import type { SandboxKeys } from './keys.js';
import { isVerified, parseAuthorization, verifySigV4 } from './sigv4.js';
import type { ServiceThrottle } from './throttle.js';

export const API_SERVER = {
  /** Largest request body accepted; AWS API requests are small, this only bounds abuse. */
  maxBodyBytes: 16 * 1024 * 1024,
} as const;

/** The stats key of every operation the sandbox does not implement. */
const UNKNOWN_OPERATION = '(unknown)';

export interface ApiServerOptions {
  readonly deps: ApiDeps;
  /** The keys whose SigV4 signatures are accepted; the run's secret also opens the admin routes. */
  readonly keys: SandboxKeys;
  readonly throttle?: ServiceThrottle;
  readonly applyFaults?: AdminHooks['applyFaults'];
  /** Per-operation answers of a messy endpoint (HTML 500, XML 403, AccessDenied, missing runtime ids). */
  readonly apiFaults?: ApiFaults;
  /** IAM Identity Center (SSO OIDC + portal), served on the same endpoint. */
  readonly sso?: SsoState;
}

export interface ApiStats {
  requests: number;
  throttled: number;
  errors: number;
  byOperation: Record<string, number>;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > API_SERVER.maxBodyBytes) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function createApiHandler(opts: ApiServerOptions): { handler: RequestListener; stats: ApiStats } {
  const { deps } = opts;
  const stats: ApiStats = { requests: 0, throttled: 0, errors: 0, byOperation: {} };
  const hooks: AdminHooks = {
    registry: deps.registry,
    stats: () => ({ requests: stats.requests, throttled: stats.throttled, errors: stats.errors, ...prefixed(stats.byOperation) }),
    ...(opts.applyFaults ? { applyFaults: opts.applyFaults } : {}),
    ...(opts.apiFaults ? { applyApiFaults: (spec: unknown) => opts.apiFaults?.set(spec) } : {}),
    exitContainer: (spec: unknown) => exitContainer(deps, spec),
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Refused before the body is read: a foreign Host (DNS rebinding), a browser page, a missing admin secret.
    const foreign = refuseForeignRequest(req, { allowOwnOrigin: true });
    // The SSO verification page is opened by a person's browser from another page (a top-level
    // GET that changes nothing); its Allow form still posts same-origin only. Host is still checked.
    const devicePage = req.method === 'GET' && req.headers['sec-fetch-mode'] === 'navigate' && (req.url ?? '').split('?')[0] === '/sso/device';
    if (foreign && !(devicePage && foreign.startsWith('Requests from browser pages'))) return sendAdmin(res, 403, { error: foreign }, true);
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const admin = url.pathname.startsWith(ADMIN_PREFIX);
    if (admin && !opts.keys.isSecret(headerOf(req, ADMIN_SECRET_HEADER))) {
      return sendAdmin(res, 403, { error: `the sandbox's admin routes need its secret in the ${ADMIN_SECRET_HEADER} header` }, true);
    }
    const body = await readBody(req);
    if (admin) return handleAdmin(req, res, url.pathname, body ?? Buffer.alloc(0), hooks);
    // SSO OIDC and portal calls are never SigV4-signed (client secret / bearer token instead).
    if (opts.sso && handleSso(req, res, url, body ?? Buffer.alloc(0), { sso: opts.sso, api: deps })) return;

    const requestId = randomUUID();
    const claimed = claimedScope(req);
    const amzTarget = req.headers['x-amz-target'];
    const isJson = typeof amzTarget === 'string';
    const form = isJson ? undefined : new URLSearchParams(body?.toString('utf8') ?? '');
    if (form) for (const [k, v] of url.searchParams) if (!form.has(k)) form.set(k, v);

    const json = isJson ? routeJson(amzTarget, claimed.service) : undefined;
    const query = form ? routeQuery(form.get('Action') ?? '', claimed.service) : undefined;
    const service: ServiceName = json?.service ?? query?.service ?? 'ecs';
    const operation = json?.operation ?? query?.action ?? '';
    const fail = (err: ApiError): void => {
      stats.errors++;
      if (isJson) sendJsonError(res, requestId, service, err);
      else sendXmlError(res, requestId, service, err);
    };

    stats.requests++;
    // Counted before the signature is checked, so the key may not be the caller's text: a made-up
    // operation name (up to the body limit, any number of them) would grow this table for good.
    const known = json ? json.handler !== undefined : query?.handler !== undefined;
    const statKey = `${service}.${known ? operation : UNKNOWN_OPERATION}`;
    stats.byOperation[statKey] = (stats.byOperation[statKey] ?? 0) + 1;
    if (req.method !== 'POST' && !(form && form.has('Action'))) {
      return fail(new ApiError('UnknownOperationException', `The sandbox endpoint accepts AWS API POST requests, not ${req.method ?? ''} ${url.pathname}.`, 404));
    }
    if (body === undefined) return fail(new ApiError('SerializationException', 'Request body too large.', 413));
    // The (test-only) rate limit is taken first, synchronously, so a burst meets it in arrival order.
    if (opts.throttle && !opts.throttle.take(service)) {
      stats.throttled++;
      return fail(throttled(service));
    }
    const auth = await verifySigV4(req, body, (key) => opts.keys.secretFor(key));
    if (!isVerified(auth)) return fail(authFailure(service, auth.kind, auth.message));
    const caller = resolveCaller(deps, auth.accessKeyId);
    if (caller === 'expired') return fail(expiredToken(service));

    const taken = opts.apiFaults?.take(service, operation);
    if (taken === 'hold' && !(await opts.apiFaults?.hold(req))) return;
    const fault = taken === 'hold' ? undefined : taken;
    if (fault && sendRawFault(res, fault, requestId)) {
      stats.errors++;
      return;
    }
    if (fault === 'access-denied') return fail(deniedByFault(service, operation, caller.arn));

    const regionName = auth.region;
    const account = caller.account;
    const ctx: RequestContext = {
      deps,
      service,
      account,
      caller,
      regionName,
      region: deps.world.region(account, regionName),
      accessKeyId: auth.accessKeyId,
      requestId,
    };
    try {
      if (json) {
        if (!json.handler) throw missingOperation(json);
        const result = await json.handler(new Params(service, parseJsonBody(body)), ctx);
        return sendJson(res, requestId, fault === 'missing-runtime-id' ? stripRuntimeIds(result) : result);
      }
      if (!query?.handler) throw routeError(query?.action ?? '', service);
      return sendXml(res, requestId, query.handler(form ?? new URLSearchParams(), ctx));
    } catch (err) {
      return fail(err instanceof ApiError ? err : internalError(err));
    }
  }

  const handler: RequestListener = (req, res) => {
    serve(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJsonError(res, randomUUID(), 'ecs', internalError(err));
      else res.destroy();
    });
  };
  return { handler, stats };
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The service named in the (not yet verified) credential scope: it only picks the error envelope and routes Query actions. */
function claimedScope(req: IncomingMessage): { service?: string } {
  const service = parseAuthorization(headerOf(req, 'authorization') ?? '')?.service;
  return service ? { service } : {};
}

function routeError(action: string, service: ServiceName): ApiError {
  if (!action) return new ApiError('MissingAction', 'The request must contain the parameter Action or the header X-Amz-Target.');
  return new ApiError('InvalidAction', `The action ${action} is not valid for this web service (${service}).`);
}

function prefixed(byOperation: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(byOperation).map(([k, v]) => [`op:${k}`, v]));
}
