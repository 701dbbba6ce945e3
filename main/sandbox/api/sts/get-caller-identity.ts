/** STS GetCallerIdentity over the Query protocol: the signing key's user or assumed role. */
import type { RequestContext } from '../context.js';
import { leaf, queryResponse } from '../xml.js';

export function getCallerIdentity(_form: URLSearchParams, ctx: RequestContext): string {
  const { caller } = ctx;
  return queryResponse('sts', 'GetCallerIdentity', leaf('Arn', caller.arn) + leaf('UserId', caller.userId) + leaf('Account', caller.account.id), ctx.requestId);
}
