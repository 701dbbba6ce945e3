/**
 * AWS errors as values. Every handler failure is an ApiError carrying the service's own error
 * code and HTTP status; the protocol layer renders it as JSON (`__type` + message) or Query XML.
 */

/** Which AWS service answers: error codes and message casing differ between them. */
export type ServiceName = 'ecs' | 'ssm' | 'kms' | 'ec2' | 'sts' | 'iam';

/** The Query-protocol services (form-encoded requests, XML responses). */
export const QUERY_SERVICES: ReadonlySet<ServiceName> = new Set(['ec2', 'sts', 'iam']);

function isQuery(service: ServiceName): boolean {
  return QUERY_SERVICES.has(service);
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The code each service uses for a malformed or missing parameter. */
const VALIDATION_CODE: Record<ServiceName, string> = {
  ecs: 'InvalidParameterException',
  ssm: 'ValidationException',
  kms: 'ValidationException',
  ec2: 'InvalidParameterValue',
  sts: 'ValidationError',
  iam: 'InvalidInput',
};

export function invalidParameter(service: ServiceName, message: string): ApiError {
  return new ApiError(VALIDATION_CODE[service], message);
}

/** AWS's wording when a required member is absent (JSON services phrase it as a constraint). */
export function missingParameter(service: ServiceName, member: string): ApiError {
  if (service === 'ecs') return new ApiError('InvalidParameterException', `${member} can not be blank.`);
  if (isQuery(service)) return new ApiError('MissingParameter', `The request must contain the parameter ${member}`);
  return new ApiError(VALIDATION_CODE[service], `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}

/** Throttling as each service spells it (all are retried as throttles by the SDKs). */
export function throttled(service: ServiceName): ApiError {
  if (service === 'ec2') return new ApiError('RequestLimitExceeded', 'Request limit exceeded.', 503);
  if (service === 'sts' || service === 'iam') return new ApiError('Throttling', 'Rate exceeded', 400);
  return new ApiError('ThrottlingException', 'Rate exceeded', 400);
}

export function expiredToken(service: ServiceName): ApiError {
  const code = isQuery(service) ? 'ExpiredToken' : 'ExpiredTokenException';
  return new ApiError(code, 'The security token included in the request is expired', 400);
}

export function unknownOperation(service: ServiceName, action: string): ApiError {
  if (isQuery(service)) {
    return new ApiError('InvalidAction', `The action ${action} is not valid for this web service.`, 400);
  }
  return new ApiError('UnknownOperationException', `Unknown operation ${action}`, 400);
}

/** STS and IAM refuse with 403 AccessDenied, naming the caller, the action and the resource. */
export function accessDenied(callerArn: string, action: string, resource: string): ApiError {
  return new ApiError('AccessDenied', `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`, 403);
}

export function internalError(err: unknown): ApiError {
  const detail = err instanceof Error ? err.message : String(err);
  return new ApiError('InternalFailure', `The sandbox failed to process the request: ${detail}`, 500);
}

/** AccessDenied for one operation, as each service words it (the API fault knob `access-denied`). */
export function deniedByFault(service: ServiceName, operation: string, callerArn: string): ApiError {
  const action = `${service}:${operation}`;
  if (service === 'ec2') return new ApiError('UnauthorizedOperation', `You are not authorized to perform this operation. User: ${callerArn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`, 403);
  if (isQuery(service)) return accessDenied(callerArn, action, '*');
  return new ApiError('AccessDeniedException', `User: ${callerArn} is not authorized to perform: ${action} on resource: * because no identity-based policy allows the ${action} action`, 400);
}

/** The SigV4 failures the sandbox reports (see sigv4.ts). */
export type AuthFailureKind = 'missing' | 'incomplete' | 'unknown-key' | 'bad-signature' | 'expired';

/**
 * A refused signature as AWS reports it: JSON services with the `…Exception` codes (400), the
 * Query services with their common error codes (STS and IAM 403; EC2 answers a foreign key with
 * 401 AuthFailure). Each code is one the SDKs recognise (clock-skew retries key on them).
 */
export function authFailure(service: ServiceName, kind: AuthFailureKind, message: string): ApiError {
  if (!isQuery(service)) {
    const code = { missing: 'MissingAuthenticationTokenException', incomplete: 'IncompleteSignatureException', 'unknown-key': 'UnrecognizedClientException', 'bad-signature': 'InvalidSignatureException', expired: 'InvalidSignatureException' }[kind];
    return new ApiError(code, message, 400);
  }
  if (kind === 'unknown-key') {
    return service === 'ec2' ? new ApiError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401) : new ApiError('InvalidClientTokenId', message, 403);
  }
  const code = { missing: 'MissingAuthenticationToken', incomplete: 'IncompleteSignature', 'bad-signature': 'SignatureDoesNotMatch', expired: 'SignatureDoesNotMatch' }[kind];
  return new ApiError(code, message, kind === 'incomplete' ? 400 : 403);
}
