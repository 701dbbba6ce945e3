/**
 * IAM SimulatePrincipalPolicy over the Query protocol: each action (× each resource, when
 * ResourceArns are given) evaluated against a role's or the user's identity policies in the
 * world. The simulator reads the caller's own account only, as IAM does.
 */
import { decide, findPrincipal, parsePrincipalArn } from '../../world/iam.js';
import type { RequestContext } from '../context.js';
import { ApiError, invalidParameter } from '../errors.js';
import { FormParams } from '../query-params.js';
import { el, leaf, queryResponse } from '../xml.js';

function evaluationXml(action: string, resource: string, decision: string): string {
  return el('member', leaf('EvalActionName', action), leaf('EvalResourceName', resource), leaf('EvalDecision', decision), '<MatchedStatements/>', '<MissingContextValues/>');
}

export function simulatePrincipalPolicy(form: URLSearchParams, ctx: RequestContext): string {
  const p = new FormParams('iam', form);
  const source = p.string('PolicySourceArn');
  const actions = p.list('ActionNames.member');
  if (actions.length === 0) throw p.missing('ActionNames');
  const resources = p.list('ResourceArns.member');
  const parsed = parsePrincipalArn(source);
  if (!parsed) throw invalidParameter('iam', `ARN ${source} is not valid.`);
  const principal = parsed.account === ctx.account.id ? findPrincipal(ctx.deps.world, source) : undefined;
  if (!principal) throw new ApiError('NoSuchEntity', `The ${parsed.kind} with name ${parsed.name} cannot be found.`, 404);
  const results = actions.flatMap((action) => (resources.length ? resources : ['*']).map((r) => evaluationXml(action, r, decide(principal, action))));
  return queryResponse('iam', 'SimulatePrincipalPolicy', el('EvaluationResults', ...results) + leaf('IsTruncated', false), ctx.requestId);
}
