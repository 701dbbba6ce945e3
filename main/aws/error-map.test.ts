// Errors as the SDK throws them (real exception classes from the clients) become plain sentences.
import { AccessDeniedException, ClusterNotFoundException, InvalidParameterException, TargetNotConnectedException } from '@aws-sdk/client-ecs';
import { ThrottlingException } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { AwsError } from './errors.js';
import { toAwsError } from './error-map.js';

const meta = { $metadata: { httpStatusCode: 400 } };

describe('toAwsError', () => {
  it('names the denied action and the context', () => {
    const e = toAwsError(new AccessDeniedException({ message: 'User: arn:aws:iam::1:user/bob is not authorized to perform: ecs:ListClusters on resource: *', ...meta }), { operation: 'ECS ListClusters', region: 'eu-west-1', profile: 'dev' });
    expect(e.code).toBe('access-denied');
    expect(e.message).toBe('AWS denied ecs:ListClusters (ECS ListClusters in eu-west-1 with profile "dev").');
    expect(e.nextStep).toContain('allow ecs:ListClusters');
    expect(e.toPlain()).toEqual({ message: e.message, cause: expect.stringContaining('AccessDeniedException'), nextStep: e.nextStep, details: { status: 400, code: 'AccessDeniedException', raw: expect.stringContaining('ecs:ListClusters') } });
  });

  it('recognises exec not enabled from its wording', () => {
    const e = toAwsError(new InvalidParameterException({ message: 'The execute command failed because execute command was not enabled when the task was run or the execute command agent isn\u2019t running. Wait and try again or run a new task with execute command enabled and try again.', ...meta }));
    expect(e.code).toBe('exec-not-enabled');
    expect(e.nextStep).toContain('--enable-execute-command');
  });

  it('names the source profile a role profile could not find, not the role profile itself', () => {
    // fromIni's wording when prod's source_profile = nope names a section that does not exist.
    const missingSource = Object.assign(new Error('Could not resolve credentials using profile: [nope] in configuration/credentials file(s).'), { name: 'CredentialsProviderError' });
    const e = toAwsError(missingSource, { profile: 'prod' });
    expect(e.code).toBe('profile-not-found');
    expect(e.message).toBe('Profile "prod" takes its credentials from profile "nope", which is missing or incomplete in the AWS config files.');
    expect(e.nextStep).toBe('Add profile "nope" to ~/.aws/config or ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), or correct source_profile of profile "prod".');
    // The profile itself missing keeps the plain sentence.
    const missing = Object.assign(new Error('Could not resolve credentials using profile: [prod] in configuration/credentials file(s).'), { name: 'CredentialsProviderError' });
    expect(toAwsError(missing, { profile: 'prod' }).message).toBe('Profile "prod" is missing or incomplete in the AWS config files.');
  });

  it('maps TargetNotConnected, throttling and missing clusters', () => {
    expect(toAwsError(new TargetNotConnectedException({ message: 'The execute command failed due to an internal error. Try again later.', ...meta })).code).toBe('target-not-connected');
    const t = toAwsError(new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', ...meta }));
    expect([t.code, t.retryable]).toEqual(['throttled', true]);
    expect(toAwsError(new ClusterNotFoundException({ message: 'Cluster not found.', ...meta })).code).toBe('not-found');
  });

  it('words TargetNotConnected for what the session was started on: no task role for an instance', () => {
    const err = (): TargetNotConnectedException => new TargetNotConnectedException({ message: 'i-0 is not connected.', ...meta });
    const instance = toAwsError(err(), { operation: 'SSM StartSession', targetKind: 'instance' });
    expect(instance.message).toContain('The instance is not connected');
    expect(instance.nextStep).toContain('SSM agent');
    expect(instance.nextStep).not.toMatch(/task role|fresh task/);
    const container = toAwsError(err(), { operation: 'ECS ExecuteCommand', targetKind: 'ecs-container' });
    expect(container.message).toContain('The container is not connected');
    expect(container.nextStep).toContain('task role');
  });

  it('maps expired tokens, pointing SSO profiles at aws sso login', () => {
    const expired = Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' });
    expect(toAwsError(expired, { profile: 'p' }).nextStep).toContain('Refresh the credentials');
    const sso = toAwsError(expired, { profile: 'corp', sso: true });
    expect(sso.code).toBe('expired-credentials');
    expect(sso.nextStep).toContain('aws sso login --profile corp');
  });

  it('maps unreachable endpoints and unknown errors without leaking a stack', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const e = toAwsError(refused, { operation: 'ECS ListClusters' });
    expect(e.code).toBe('endpoint-unreachable');
    expect(JSON.stringify(e.toPlain())).not.toMatch(/at .*\.js:\d+/);
    expect(toAwsError('weird').code).toBe('unknown');
  });

  it('explains session-setup failures the agent reports in text', () => {
    expect(toAwsError(new Error('Encountered error while initiating handshake. Handshake timed out. Please ensure that you have the latest version of the session manager plugin.')).code).toBe('handshake-timeout');
    expect(toAwsError(new Error('Plugin with name InteractiveCommands not found. Step name: InteractiveCommands')).code).toBe('agent-plugin-missing');
    expect(toAwsError(new Error('Plugin with name Port is not supported by this version of ssm agent')).code).toBe('agent-plugin-missing');
    const logs = toAwsError(new Error("We couldn't start the session because encryption is not set up on the selected CloudWatch Logs log group."));
    expect([logs.code, logs.message]).toEqual(['log-encryption', 'Session logging needs an encrypted CloudWatch Logs group, and the configured one is not encrypted.']);
  });

  it('blames the clock, not the keys, for a signature dated too far from AWS\'s time', () => {
    const ecs = Object.assign(new Error('Signature expired: 20261207T150000Z is now earlier than 20261207T152000Z (20261207T153500Z - 15 min.)'), { name: 'InvalidSignatureException', $fault: 'client', ...meta });
    const skewed = toAwsError(ecs, { operation: 'listing ECS clusters', region: 'eu-west-1', profile: 'dev' });
    expect(skewed.code).toBe('invalid-credentials');
    expect(skewed.message).toBe('AWS refused the request\'s signature because this computer\'s clock is off by more than 15 minutes (listing ECS clusters in eu-west-1 with profile "dev").');
    expect(skewed.nextStep).toContain('clock');
    expect(toAwsError(Object.assign(new Error('The difference between the request time and the current time is too large.'), { name: 'RequestTimeTooSkewed' })).message).toMatch(/clock is off/);
    expect(toAwsError(Object.assign(new Error('Signature not yet current: 20261207T160000Z is still later than 20261207T155000Z'), { name: 'SignatureDoesNotMatch' })).message).toMatch(/clock is off/);
    // EC2's RequestExpired is either; wrong keys stay wrong keys.
    expect(toAwsError(Object.assign(new Error('Request has expired.'), { name: 'RequestExpired' }), { profile: 'dev' }).message).toBe('AWS refused the request as expired: this computer\'s clock is off, or the temporary credentials of profile "dev" have expired.');
    expect(toAwsError(Object.assign(new Error('The security token included in the request is invalid.'), { name: 'UnrecognizedClientException' }), { profile: 'dev', region: 'eu-west-1' }).message).toBe('AWS did not recognise the credentials of profile "dev".');
  });

  it('names an opt-in region as the likely cause of refused credentials there', () => {
    const refused = Object.assign(new Error('The security token included in the request is invalid.'), { name: 'UnrecognizedClientException' });
    const e = toAwsError(refused, { profile: 'dev', region: 'me-central-1', operation: 'listing ECS clusters' });
    expect(e.message).toBe('AWS did not accept the credentials of profile "dev" in me-central-1, a region an account must enable before use.');
    expect(e.nextStep).toContain('Check that me-central-1 is enabled for the account');
  });

  it('points at the region\'s spelling when the endpoint\'s name does not resolve', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND ecs.us-eastt-1.amazonaws.com'), { code: 'ENOTFOUND' });
    const e = toAwsError(dns, { profile: 'dev', region: 'us-eastt-1', operation: 'listing ECS clusters' });
    expect(e.code).toBe('endpoint-unreachable');
    expect(e.message).toBe('No AWS endpoint answers to its name (listing ECS clusters in us-eastt-1 with profile "dev"): the address could not be found.');
    expect(e.nextStep).toContain('Check that region "us-eastt-1" exists and is spelled right');
  });

  it('puts the network first when a name does not resolve in a real region or at an endpoint_url', () => {
    const dns = (host: string): Error => Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    // An offline laptop: the region is fine.
    const offline = toAwsError(dns('ecs.eu-west-1.amazonaws.com'), { profile: 'dev', region: 'eu-west-1', operation: 'listing ECS clusters' });
    expect(offline.code).toBe('endpoint-unreachable');
    expect(offline.nextStep).toMatch(/^Check your network connection, VPN and DNS/);
    expect(offline.nextStep).not.toContain('spelled');
    // A VPC endpoint only the VPN resolves, with a region that is not in the list.
    const viaEndpoint = toAwsError(dns('vpce-0abc.ecs.internal.example'), { profile: 'dev', region: 'zz-nowhere-1', operation: 'listing ECS clusters' });
    expect(viaEndpoint.nextStep).toMatch(/^Check your network connection, VPN and DNS/);
    // Newer regions are in the list (ap-southeast-6, New Zealand, 2025), and GovCloud is not a typo.
    expect(toAwsError(dns('ecs.ap-southeast-6.amazonaws.com'), { profile: 'nz', region: 'ap-southeast-6' }).nextStep).not.toContain('spelled');
    expect(toAwsError(dns('ecs.us-gov-west-1.amazonaws.com'), { profile: 'gov', region: 'us-gov-west-1' }).nextStep).not.toContain('spelled');
  });

  it('blames the secret before the region for a bad signature in an opt-in region', () => {
    const bad = Object.assign(new Error('The request signature we calculated does not match the signature you provided.'), { name: 'SignatureDoesNotMatch' });
    const e = toAwsError(bad, { profile: 'dev', region: 'me-central-1' });
    expect(e.message).toBe('AWS did not accept the signature made with the credentials of profile "dev" in me-central-1: the secret key is likely wrong, or the region is not enabled for the account.');
    expect(e.nextStep).toMatch(/^Check the secret access key of profile "dev"; if it is right, check that me-central-1 is enabled/);
  });

  it('keeps the SSO sign-in step for an SSO profile\'s RequestExpired', () => {
    const expired = Object.assign(new Error('Request has expired.'), { name: 'RequestExpired' });
    expect(toAwsError(expired, { profile: 'corp', sso: true }).nextStep).toContain('aws sso login --profile corp');
    expect(toAwsError(expired, { profile: 'keys' }).nextStep).not.toContain('sso');
  });

  it('passes an AwsError through unchanged', () => {
    const original = new AwsError({ code: 'no-region', sentence: 's', nextStep: 'n' });
    expect(toAwsError(original)).toBe(original);
  });
});
