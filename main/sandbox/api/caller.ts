/**
 * Who signed a request (its SigV4 signature already verified by the server, sigv4.ts): a key STS
 * issued acts as its assumed role, a key listed under an account acts as that account's user,
 * and the run's own key as the first account's user.
 */
import { arn } from '../world/arns.js';
import type { AccountSpec } from '../world/schema.js';
import type { ApiDeps } from './context.js';
import { uniqueId } from './sts/issued-credentials.js';

export interface Caller {
  readonly account: AccountSpec;
  /** What GetCallerIdentity reports and AccessDenied messages name. */
  readonly arn: string;
  readonly userId: string;
  /** True for the account's IAM user (only users hold MFA devices). */
  readonly isUser: boolean;
}

export function userCaller(account: AccountSpec): Caller {
  return { account, arn: arn.user(account.id, account.userName), userId: uniqueId('AIDA', `${account.id}/${account.userName}`), isUser: true };
}

/** The caller behind an access key, or `expired` when the key must be refused with ExpiredToken. */
export function resolveCaller(deps: Pick<ApiDeps, 'world' | 'expiredAccessKeyIds' | 'issued'>, accessKeyId: string | undefined): Caller | 'expired' {
  if (accessKeyId === undefined) return userCaller(deps.world.defaultAccount);
  if (deps.expiredAccessKeyIds.has(accessKeyId)) return 'expired';
  const issued = deps.issued.lookup(accessKeyId);
  if (issued === 'expired') return 'expired';
  const account = issued ? deps.world.accountById(issued.accountId) : undefined;
  if (issued && account) return { account, arn: issued.arn, userId: issued.userId, isUser: false };
  return userCaller(deps.world.accountFor(accessKeyId));
}
