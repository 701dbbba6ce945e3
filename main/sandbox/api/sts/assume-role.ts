/**
 * STS AssumeRole over the Query protocol. The role must be declared in the world; a role whose
 * trust policy demands MFA needs SerialNumber (a device of the caller) and its current TokenCode.
 * Refusals are 403 AccessDenied in AWS's words; the credentials returned then act as the role.
 */
import { arn } from '../../world/arns.js';
import { findPrincipal } from '../../world/iam.js';
import type { RoleSpec } from '../../world/schema.js';
import type { RequestContext } from '../context.js';
import { accessDenied, ApiError, invalidParameter } from '../errors.js';
import { FormParams } from '../query-params.js';
import { el, leaf, queryResponse } from '../xml.js';
import { uniqueId } from './issued-credentials.js';

export const ASSUME_ROLE = {
  /** DurationSeconds when the request names none (STS default). */
  defaultDurationSeconds: 3600,
  /** Shortest DurationSeconds STS accepts. */
  minDurationSeconds: 900,
} as const;

/** RoleSessionName: 2 to 64 of [\w+=,.@-] (STS API reference). */
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** TokenCode: exactly six digits. */
const TOKEN_CODE = /^\d{6}$/;

const MFA_INVALID_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code. ';
const MFA_UNKNOWN_DEVICE = 'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.';

function constraint(value: string, member: string, rule: string): ApiError {
  return invalidParameter('sts', `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${rule}`);
}

/** Checks SerialNumber + TokenCode against the caller's devices; throws AccessDenied when they do not pass. */
function checkMfa(ctx: RequestContext, serial: string | undefined, code: string | undefined, role: RoleSpec, roleArn: string): void {
  if (serial === undefined && code === undefined) {
    if (role.requireMfa) throw accessDenied(ctx.caller.arn, 'sts:AssumeRole', roleArn);
    return;
  }
  if (code !== undefined && !TOKEN_CODE.test(code)) throw constraint(code, 'tokenCode', 'Member must satisfy regular expression pattern: [\\d]*, and have length 6');
  const device = ctx.caller.isUser ? ctx.account.mfaDevices.find((d) => arn.mfa(ctx.account.id, d.name) === serial) : undefined;
  if (!device || code === undefined) throw new ApiError('AccessDenied', MFA_UNKNOWN_DEVICE, 403);
  if (device.code !== code) throw new ApiError('AccessDenied', MFA_INVALID_CODE, 403);
}

export function assumeRole(form: URLSearchParams, ctx: RequestContext): string {
  const p = new FormParams('sts', form);
  const roleArn = p.string('RoleArn');
  const sessionName = p.string('RoleSessionName');
  if (!SESSION_NAME.test(sessionName)) throw constraint(sessionName, 'roleSessionName', 'Member must satisfy regular expression pattern: [\\w+=,.@-]*, and have length between 2 and 64');
  const duration = p.optInt('DurationSeconds') ?? ASSUME_ROLE.defaultDurationSeconds;
  if (duration < ASSUME_ROLE.minDurationSeconds) throw constraint(String(duration), 'durationSeconds', `Member must have value greater than or equal to ${ASSUME_ROLE.minDurationSeconds}`);

  // STS does not say whether a role exists: an unknown role is refused like a forbidden one.
  const principal = findPrincipal(ctx.deps.world, roleArn);
  if (principal?.kind !== 'role') throw accessDenied(ctx.caller.arn, 'sts:AssumeRole', roleArn);
  checkMfa(ctx, p.optString('SerialNumber'), p.optString('TokenCode'), principal.role, roleArn);
  if (duration > principal.role.maxSessionSeconds) throw invalidParameter('sts', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');

  const accountId = principal.account.id;
  const assumedArn = arn.assumedRole(accountId, principal.role.name, sessionName);
  const assumedId = `${uniqueId('AROA', `${accountId}/role/${principal.role.name}`)}:${sessionName}`;
  const secret = ctx.deps.issued.issue({ accountId, arn: assumedArn, userId: assumedId }, duration);
  const credentials = el(
    'Credentials',
    leaf('AccessKeyId', secret.accessKeyId),
    leaf('SecretAccessKey', secret.secretAccessKey),
    leaf('SessionToken', secret.sessionToken),
    leaf('Expiration', secret.expiration.toISOString()),
  );
  const user = el('AssumedRoleUser', leaf('AssumedRoleId', assumedId), leaf('Arn', assumedArn));
  return queryResponse('sts', 'AssumeRole', credentials + user, ctx.requestId);
}
