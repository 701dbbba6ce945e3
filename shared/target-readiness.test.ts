import { describe, expect, it } from 'vitest';
import type { InventoryNode } from './contract/inventory.js';
import { instanceStanding, sessionRefusal } from './target-readiness.js';

type InstanceNode = Extract<InventoryNode, { kind: 'instance' }>;

function instance(over: Partial<InstanceNode>): InstanceNode {
  return { kind: 'instance', id: 'i:1', label: 'node', profile: 'p', region: 'us-east-1', instanceId: 'i-0abc', name: null, pingStatus: 'Online', platform: 'Linux', state: 'running', ...over };
}

describe('instance readiness when EC2 does not give a state', () => {
  // Discovery's merge: a hybrid mi- node is 'managed', an EC2 instance is 'unknown' when DescribeInstances is denied.
  const cases: readonly [string, Partial<InstanceNode>][] = [
    ['a hybrid node (managed)', { instanceId: 'mi-0123456789abcdef0', state: 'managed' }],
    ['an instance EC2 could not describe (unknown)', { state: 'unknown' }],
  ];
  for (const [what, over] of cases) {
    it(`${what}: SSM Online is allowed, ConnectionLost is refused`, () => {
      const online = instance({ ...over, pingStatus: 'Online' });
      expect(sessionRefusal(online)).toBeNull();
      expect(instanceStanding(online)).toMatchObject({ text: 'online', tone: 'ok' });
      const lost = instance({ ...over, pingStatus: 'ConnectionLost' });
      expect(sessionRefusal(lost)?.reason).toMatch(/lost contact/);
      expect(instanceStanding(lost).tone).toBe('fail');
    });
  }

  it('known EC2 states other than running are refused whatever SSM says', () => {
    for (const state of ['pending', 'stopping', 'stopped', 'shutting-down', 'terminated']) {
      const n = instance({ state, pingStatus: 'Online' });
      expect(sessionRefusal(n)?.reason).toBe(`The instance is ${state}.`);
      expect(instanceStanding(n)).toMatchObject({ text: state, tone: 'muted' });
    }
    expect(sessionRefusal(instance({ state: 'running' }))).toBeNull();
  });
});
