// Auto-restart gives up at once on failed starts a person has to fix, retries for a while those
// that may clear by themselves, and retries the passing ones for as long as it takes.
import { describe, expect, it } from 'vitest';
import { AwsError, type AwsErrorCode } from '../../aws/errors.js';
import { toAwsError } from '../../aws/error-map.js';
import { restartVerdict } from './restart-policy.js';

const aws = (code: AwsErrorCode) => new AwsError({ code, sentence: code, nextStep: '' });

describe('restartVerdict', () => {
  it('gives up on access denied, exec off, a task gone and credentials that need the person', () => {
    for (const code of ['access-denied', 'exec-not-enabled', 'not-found', 'invalid-request', 'sso-login-required', 'mfa-required', 'expired-credentials', 'profile-not-found'] as const) {
      expect(restartVerdict(aws(code)), code).toBe('give-up');
    }
  });

  it('reads the SDK errors StartSession throws the same way', () => {
    expect(restartVerdict(toAwsError(Object.assign(new Error('User: arn:aws:iam::1:user/x is not authorized to perform: ssm:StartSession'), { name: 'AccessDeniedException' })))).toBe('give-up');
    expect(restartVerdict(toAwsError(Object.assign(new Error('ecs:c_t_r is not connected.'), { name: 'TargetNotConnected' })))).toBe('retry-a-while');
    expect(restartVerdict(toAwsError(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })))).toBe('retry');
  });

  it('retries for a while a target not connected (an instance rebooting) and a handshake that timed out', () => {
    expect(restartVerdict(aws('target-not-connected'))).toBe('retry-a-while');
    expect(restartVerdict(aws('handshake-timeout'))).toBe('retry-a-while');
  });

  it('retries throttling, server errors, an unreachable endpoint and anything not from AWS for as long as it takes', () => {
    for (const code of ['throttled', 'service-unavailable', 'endpoint-unreachable', 'unknown'] as const) expect(restartVerdict(aws(code)), code).toBe('retry');
    expect(restartVerdict(new Error('the websocket closed'))).toBe('retry');
    expect(restartVerdict('not even an error')).toBe('retry');
  });
});
