import { describe, expect, it } from 'vitest';
import { parsePluginArgs } from './argv.js';

const EC2 = '{"SessionId":"s-1","TokenValue":"tok","StreamUrl":"wss://x/v1/data-channel/s-1?role=publish_subscribe","ResponseMetadata":{}}';
const ECS = '{"sessionId":"ecs-execute-command-1","streamUrl":"wss://x/v1/data-channel/e","tokenValue":"t2"}';

describe('session-manager-plugin argv (§11)', () => {
  it('no argument, --version, and unknown operations', () => {
    expect(parsePluginArgs([], {})).toEqual({ kind: 'installed' });
    expect(parsePluginArgs(['--version'], {})).toEqual({ kind: 'version' });
    expect(parsePluginArgs(['--help'], {})).toEqual({ kind: 'unknown-operation', operation: '--help' });
    expect(parsePluginArgs(['a', 'b'], {})).toEqual({ kind: 'unknown-operation', operation: 'a' });
  });

  it('the 7-argument form as the AWS CLI sends it for ssm start-session', () => {
    const params = '{"Target":"i-0123456789abcdef0","DocumentName":"AWS-StartPortForwardingSession","Parameters":{"portNumber":["80"],"localPortNumber":["0"]}}';
    expect(parsePluginArgs([EC2, 'us-east-1', 'StartSession', 'dev', params, 'https://ssm.us-east-1.amazonaws.com'], {})).toEqual({
      kind: 'start',
      request: {
        response: { sessionId: 's-1', tokenValue: 'tok', streamUrl: 'wss://x/v1/data-channel/s-1?role=publish_subscribe' },
        region: 'us-east-1',
        profile: 'dev',
        target: 'i-0123456789abcdef0',
        documentName: 'AWS-StartPortForwardingSession',
        parameters: { portNumber: ['80'], localPortNumber: ['0'] },
        endpoint: 'https://ssm.us-east-1.amazonaws.com',
        legacy: false,
      },
    });
  });

  it('ECS Exec: camelCase response keys, empty profile, Target built from the task', () => {
    const r = parsePluginArgs([ECS, 'eu-west-1', 'StartSession', '', '{"Target":"ecs:c_t_r"}', 'https://ecs.eu-west-1.amazonaws.com'], {});
    expect(r).toMatchObject({ kind: 'start', request: { response: { sessionId: 'ecs-execute-command-1', tokenValue: 't2', streamUrl: 'wss://x/v1/data-channel/e' }, profile: '', target: 'ecs:c_t_r' } });
  });

  it('reads the response from an AWS_SSM_START_SESSION_RESPONSE… variable and unsets it', () => {
    const env: NodeJS.ProcessEnv = { AWS_SSM_START_SESSION_RESPONSE_abc: EC2, OTHER: '1' };
    const r = parsePluginArgs(['AWS_SSM_START_SESSION_RESPONSE_abc', 'us-east-1', 'StartSession', '', '{"Target":"i-1"}', 'https://e'], env);
    expect(r).toMatchObject({ kind: 'start', request: { response: { sessionId: 's-1', tokenValue: 'tok' }, target: 'i-1' } });
    expect(env).toEqual({ OTHER: '1' });
  });

  it('a missing response variable is an error', () => {
    expect(parsePluginArgs(['AWS_SSM_START_SESSION_RESPONSE', 'r', 'StartSession', ''], {})).toEqual({
      kind: 'error',
      message: 'environment variable AWS_SSM_START_SESSION_RESPONSE is not set',
    });
  });

  it('legacy 4-argument and 5/6-argument forms fill the missing fields with empty values', () => {
    expect(parsePluginArgs([EC2, 'us-east-1', 'StartSession'], {})).toMatchObject({ kind: 'start', request: { profile: '', target: '', endpoint: '', legacy: true } });
    expect(parsePluginArgs([EC2, 'us-east-1', 'StartSession', 'p'], {})).toMatchObject({ kind: 'start', request: { profile: 'p', target: '', endpoint: '', legacy: false } });
    expect(parsePluginArgs([EC2, 'us-east-1', 'StartSession', 'p', '{"target":"i-9"}'], {})).toMatchObject({ kind: 'start', request: { target: 'i-9', endpoint: '' } });
  });

  it('other operations, bad JSON and a missing Target are refused with a reason', () => {
    expect(parsePluginArgs([EC2, 'r', 'ResumeSession', ''], {})).toEqual({ kind: 'invalid-operation', operation: 'ResumeSession' });
    expect(parsePluginArgs(['{nope', 'r', 'StartSession', ''], {})).toMatchObject({ kind: 'error', message: expect.stringMatching(/^the session response is not valid JSON/) });
    expect(parsePluginArgs([EC2, 'r', 'StartSession', '', '{"DocumentName":"x"}'], {})).toEqual({ kind: 'error', message: 'the session parameters have no Target' });
    expect(parsePluginArgs([EC2, 'r', 'StartSession', '', '{"Target":'], {})).toMatchObject({ kind: 'error', message: expect.stringMatching(/^the session parameters are not valid JSON: /) });
    expect(parsePluginArgs(['{"TokenValue":"t"}', 'r', 'StartSession', ''], {})).toEqual({ kind: 'error', message: 'the session response has no SessionId or StreamUrl' });
  });
});
