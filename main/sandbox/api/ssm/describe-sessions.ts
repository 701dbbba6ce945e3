/**
 * SSM DescribeSessions: the sandbox's sessions of the request's region as the API lists them. `State: Active` lists the
 * sessions not yet terminated, `History` the terminated ones (TerminateSession, an ended shell or
 * the sandbox stopping); filters by Target, Status, SessionId, Owner and InvokedAfter/Before.
 */
import type { SandboxSession } from '../../session-registry.js';
import { invalidParameter } from '../errors.js';
import type { Handler } from '../handler.js';
import { paginate } from '../paging.js';
import { nestedString, type Params } from '../params.js';
import { inRequestScope } from '../sessions.js';

/** The API's page bounds for DescribeSessions (MaxResults 1–200, 20 when absent). */
const LIMITS = { defaultSize: 20, max: 200, min: 1 } as const;

const FILTER_KEYS = ['InvokedAfter', 'InvokedBefore', 'Target', 'Owner', 'Status', 'SessionId', 'AccessType'] as const;

/** The API's Status for the registry's state. */
function status(s: SandboxSession): string {
  switch (s.state) {
    case 'Pending':
      return 'Connecting';
    case 'Connected':
      return 'Connected';
    case 'Terminating':
      return 'Terminating';
    case 'Terminated':
      return 'Terminated';
  }
}

function filters(p: Params): Array<{ key: string; value: string }> {
  return (p.optObjectList('Filters') ?? []).map((f) => {
    const key = nestedString('ssm', f, 'key', 'Filters');
    if (!(FILTER_KEYS as readonly string[]).includes(key)) throw invalidParameter('ssm', `1 validation error detected: Value '${key}' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [${FILTER_KEYS.join(', ')}]`);
    return { key, value: nestedString('ssm', f, 'value', 'Filters') };
  });
}

function matches(s: SandboxSession, owner: string, key: string, value: string): boolean {
  switch (key) {
    case 'Target':
      return s.target === value;
    case 'Status':
      return status(s) === value;
    case 'SessionId':
      return s.sessionId === value;
    case 'Owner':
      return owner === value;
    case 'InvokedAfter':
      return s.createdAt >= Date.parse(value);
    case 'InvokedBefore':
      return s.createdAt <= Date.parse(value);
    default:
      return true;
  }
}

export const describeSessions: Handler = (p, ctx) => {
  const state = p.string('State');
  if (state !== 'Active' && state !== 'History') throw invalidParameter('ssm', `1 validation error detected: Value '${state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [Active, History]`);
  const fs = filters(p);
  const owner = ctx.caller.arn;
  const list = ctx.deps.registry
    .list()
    .filter((s) => inRequestScope(ctx, s))
    .filter((s) => (state === 'History') === (s.state === 'Terminated'))
    .filter((s) => fs.every((f) => matches(s, owner, f.key, f.value)))
    .sort((a, b) => b.createdAt - a.createdAt);
  const page = paginate('ssm', list, LIMITS, p.optInt('MaxResults'), p.optString('NextToken'), `DescribeSessions/${state}/${JSON.stringify(fs)}`);
  return {
    Sessions: page.items.map((s) => ({
      SessionId: s.sessionId,
      Target: s.target,
      Status: status(s),
      StartDate: s.createdAt / 1000,
      ...(s.endedAt !== undefined ? { EndDate: s.endedAt / 1000 } : {}),
      DocumentName: s.documentName,
      Owner: owner,
    })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
};
