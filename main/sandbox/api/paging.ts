/**
 * `nextToken` paging. Tokens are opaque to clients but carry the offset and a fingerprint of the
 * query they belong to, so a token replayed against a different query is refused as AWS does.
 */
import { createHash } from 'node:crypto';
import { ApiError, invalidParameter, type ServiceName } from './errors.js';

export interface PageLimits {
  /** Page size when the caller gives no maxResults. */
  readonly defaultSize: number;
  /** Largest maxResults the real API accepts. */
  readonly max: number;
  /** Smallest maxResults the real API accepts. */
  readonly min?: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextToken: string | undefined;
}

function fingerprint(query: string): string {
  return createHash('sha256').update(query).digest('base64url').slice(0, 12);
}

function badToken(service: ServiceName): ApiError {
  if (service === 'ssm') return new ApiError('InvalidNextToken', 'The specified token isn\u2019t valid.');
  if (service === 'ec2') return new ApiError('InvalidParameterValue', 'Invalid value for NextToken');
  return invalidParameter(service, 'Invalid nextToken specified.');
}

/**
 * One page of `all`. `query` identifies the request's filters (everything except paging), so the
 * token only resumes the listing it came from.
 */
export function paginate<T>(
  service: ServiceName,
  all: readonly T[],
  limits: PageLimits,
  maxResults: number | undefined,
  nextToken: string | undefined,
  query: string,
): Page<T> {
  const min = limits.min ?? 1;
  if (maxResults !== undefined && (maxResults < min || maxResults > limits.max)) {
    throw invalidParameter(service, `maxResults must be between ${min} and ${limits.max}.`);
  }
  const size = maxResults ?? limits.defaultSize;
  const fp = fingerprint(query);
  let offset = 0;
  if (nextToken) {
    const [tokenFp, rawOffset] = Buffer.from(nextToken, 'base64url').toString('utf8').split(':');
    offset = Number(rawOffset);
    if (tokenFp !== fp || !Number.isInteger(offset) || offset < 0 || offset > all.length) throw badToken(service);
  }
  const end = Math.min(all.length, offset + size);
  return {
    items: all.slice(offset, end),
    nextToken: end < all.length ? Buffer.from(`${fp}:${end}`).toString('base64url') : undefined,
  };
}
