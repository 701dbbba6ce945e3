// Auto-restart gives up at once on failed starts only a person can fix for this forward, retries
// for a while those that may clear by themselves or by a fix made elsewhere, and retries the passing ones for as long as it takes.
import { describe, expect, it } from 'vitest';
import { AwsError, type AwsErrorCode } from '../../aws/errors.js';
import { toAwsError } from '../../aws/error-map.js';
import { restartVerdict } from './restart-policy.js';

const aws = (code: AwsErrorCode) => new AwsError({ code, sentence: code, nextStep: '' });

describe('restartVerdict', () => {
  it('gives up on exec off, a task gone, config files to fix and an MFA code it would have to ask for', () => {
    for (const code of ['exec-not-enabled', 'not-found', 'invalid-request', 'mfa-required', 'mfa-rejected', 'profile-not-found', 'no-region', 'config-invalid'] as const) {
      expect(restartVerdict(aws(code)), code).toBe('give-up');
    }
  });

  it('retries for a while what a sign-in, a credential helper back online or an IAM fix made elsewhere clears', () => {
    for (const code of ['access-denied', 'invalid-credentials', 'no-credentials', 'credential-process-failed', 'expired-credentials', 'sso-login-required'] as const) {
      expect(restartVerdict(aws(code)), code).toBe('retry-a-while');
    }
  });

  it('retries, as passing, a credentials failure whose text names a network error (SSO or a helper while Wi-Fi rejoins)', () => {
    const wrapped = Object.assign(new Error('getaddrinfo ENOTFOUND portal.sso.eu-west-1.amazonaws.com'), { name: 'CredentialsProviderError' });
    expect(toAwsError(wrapped).code).toBe('no-credentials');
    expect(restartVerdict(toAwsError(wrapped))).toBe('retry');
    const helper = Object.assign(new Error('Command failed: vault-creds\nconnect ETIMEDOUT 10.0.0.1:443'), { name: 'CredentialsProviderError' });
    expect(toAwsError(helper).code).toBe('credential-process-failed');
    expect(restartVerdict(toAwsError(helper))).toBe('retry');
  });

  it('reads the SDK errors StartSession throws the same way', () => {
    expect(restartVerdict(toAwsError(Object.assign(new Error('User: arn:aws:iam::1:user/x is not authorized to perform: ssm:StartSession'), { name: 'AccessDeniedException' })))).toBe('retry-a-while');
    expect(restartVerdict(toAwsError(Object.assign(new Error('Execution stopped: execute command was not enabled when the task was run'), { name: 'InvalidParameterException' })))).toBe('give-up');
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
