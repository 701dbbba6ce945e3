/** STS GetCallerIdentity over the Query protocol: the world account and its user. */
import { createHash } from 'node:crypto';
import { arn } from '../../world/arns.js';
import type { RequestContext } from '../context.js';
import { el, leaf, XML_DECLARATION } from '../xml.js';

const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function getCallerIdentity(_form: URLSearchParams, ctx: RequestContext): string {
  // IAM user ids are AIDA + 17 upper-case alphanumerics; derive a stable one from the user.
  const userId = 'AIDA' + createHash('sha256').update(`${ctx.account.id}/${ctx.account.userName}`).digest('hex').slice(0, 17).toUpperCase();
  return (
    XML_DECLARATION +
    `<GetCallerIdentityResponse xmlns="${STS_NAMESPACE}">` +
    el('GetCallerIdentityResult', leaf('Arn', arn.user(ctx.account.id, ctx.account.userName)), leaf('UserId', userId), leaf('Account', ctx.account.id)) +
    el('ResponseMetadata', leaf('RequestId', ctx.requestId)) +
    '</GetCallerIdentityResponse>'
  );
}
