import { describe, expect, it } from 'vitest';
import { isLocalPortForwarding, startSessionInput, targetId } from './documents.js';

describe('port documents and targets (§8.1, §10)', () => {
  it('builds ECS targets from names or ARNs', () => {
    expect(targetId({ kind: 'ecs', cluster: 'prod', taskId: 'abc123', runtimeId: 'abc123-111' })).toBe('ecs:prod_abc123_abc123-111');
    expect(
      targetId({ kind: 'ecs', cluster: 'arn:aws:ecs:eu-west-1:1:cluster/prod', taskId: 'arn:aws:ecs:eu-west-1:1:task/prod/abc123', runtimeId: 'r-1' }),
    ).toBe('ecs:prod_abc123_r-1');
    expect(targetId({ kind: 'instance', instanceId: 'i-0123' })).toBe('i-0123');
  });

  it('picks the document and string-array parameters', () => {
    const target = { kind: 'instance', instanceId: 'i-1' } as const;
    expect(startSessionInput({ target, remotePort: 80 })).toEqual({
      Target: 'i-1',
      DocumentName: 'AWS-StartPortForwardingSession',
      Parameters: { portNumber: ['80'], localPortNumber: ['0'] },
    });
    expect(startSessionInput({ target, remotePort: 5432, remoteHost: 'db.internal' })).toEqual({
      Target: 'i-1',
      DocumentName: 'AWS-StartPortForwardingSessionToRemoteHost',
      Parameters: { host: ['db.internal'], portNumber: ['5432'], localPortNumber: ['0'] },
    });
    expect(startSessionInput({ target, remotePort: 22, ssh: true })).toEqual({
      Target: 'i-1',
      DocumentName: 'AWS-StartSSHSession',
      Parameters: { portNumber: ['22'] },
    });
  });

  it('tells local port forwarding from the SSH stream document', () => {
    expect(isLocalPortForwarding({ portNumber: '80', type: 'LocalPortForwarding', localPortNumber: '0' })).toBe(true);
    expect(isLocalPortForwarding({ portNumber: '22' })).toBe(false);
    expect(isLocalPortForwarding(null)).toBe(false);
  });
});
