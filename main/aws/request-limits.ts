/**
 * The HTTP handler's limits for every AWS client Porthole makes (the profile's clients and the
 * STS / SSO clients its credential providers make): a call that gets no answer fails as a
 * retryable TimeoutError instead of waiting on the SDK's 15-minute idle socket.
 */
import { AWS_LIMITS } from './constants.js';

export interface RequestLimits {
  readonly connectionTimeout: number;
  readonly requestTimeout: number;
  /** Without it the SDK only logs a warning when requestTimeout passes, and keeps waiting. */
  readonly throwOnRequestTimeout: true;
}

export function requestLimits(requestTimeoutMs: number = AWS_LIMITS.REQUEST_TIMEOUT_MS): RequestLimits {
  return { connectionTimeout: Math.min(AWS_LIMITS.CONNECT_TIMEOUT_MS, requestTimeoutMs), requestTimeout: requestTimeoutMs, throwOnRequestTimeout: true };
}
