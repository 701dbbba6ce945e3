/**
 * AWS JSON 1.1: `X-Amz-Target: <Prefix>.<Operation>`, a JSON object body, responses in
 * `application/x-amz-json-1.1`, errors as `{"__type": code, "message": text}` plus the
 * `x-amzn-ErrorType` header, which the SDKs and the CLI read first.
 */
import type { ServerResponse } from 'node:http';
import { ApiError, unknownOperation, type ServiceName } from './errors.js';
import type { HandlerTable } from './handler.js';
import { ecsHandlers, ECS_TARGET_PREFIX } from './ecs/index.js';
import { kmsHandlers, KMS_TARGET_PREFIX } from './kms/index.js';
import { ssmHandlers, SSM_TARGET_PREFIX } from './ssm/index.js';
import type { JsonObject } from './params.js';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

const SERVICES: Record<string, { service: ServiceName; handlers: HandlerTable }> = {
  [ECS_TARGET_PREFIX]: { service: 'ecs', handlers: ecsHandlers },
  [SSM_TARGET_PREFIX]: { service: 'ssm', handlers: ssmHandlers },
  [KMS_TARGET_PREFIX]: { service: 'kms', handlers: kmsHandlers },
};

export interface JsonRoute {
  readonly service: ServiceName;
  readonly operation: string;
  readonly handler: HandlerTable[string] | undefined;
}

/** Splits the target header; an unknown prefix still yields a route so the error is AWS-shaped. */
export function routeJson(target: string, signingService: string | undefined): JsonRoute {
  const dot = target.lastIndexOf('.');
  const prefix = dot < 0 ? '' : target.slice(0, dot);
  const operation = dot < 0 ? target : target.slice(dot + 1);
  const known = SERVICES[prefix];
  if (known) return { service: known.service, operation, handler: Object.hasOwn(known.handlers, operation) ? known.handlers[operation] : undefined };
  const guess = (['ecs', 'ssm', 'kms'] as const).find((s) => s === signingService) ?? 'ecs';
  return { service: guess, operation: target, handler: undefined };
}

export function parseJsonBody(body: Buffer): JsonObject {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiError('SerializationException', 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return value as JsonObject;
}

export function missingOperation(route: JsonRoute): ApiError {
  return unknownOperation(route.service, route.operation);
}

export function sendJson(res: ServerResponse, requestId: string, body: unknown): void {
  const text = JSON.stringify(body ?? {});
  res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': requestId, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendJsonError(res: ServerResponse, requestId: string, service: ServiceName, err: ApiError): void {
  // SSM's error shapes spell the member `Message`; ECS and KMS use `message`.
  const text = JSON.stringify({ __type: err.code, [service === 'ssm' ? 'Message' : 'message']: err.message });
  res.writeHead(err.status, {
    'content-type': JSON_CONTENT_TYPE,
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': err.code,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
