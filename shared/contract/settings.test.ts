import { describe, expect, it } from 'vitest';
import { withRecentTarget, type RecentTarget } from './settings.js';

const entry = (n: number): RecentTarget => ({
  nodeId: `instance:${n}`,
  kind: 'instance',
  label: `host-${n}`,
  where: 'sandbox · us-east-1',
  title: `host-${n}`,
  target: { kind: 'instance', profile: 'sandbox', region: 'us-east-1', instanceId: `i-${String(n).padStart(17, '0')}` },
});

describe('withRecentTarget', () => {
  it('puts the opened target first', () => {
    expect(withRecentTarget([entry(1), entry(2)], entry(3)).map((r) => r.label)).toEqual(['host-3', 'host-1', 'host-2']);
  });

  it('moves a target opened again to the front instead of listing it twice', () => {
    expect(withRecentTarget([entry(1), entry(2), entry(3)], entry(2)).map((r) => r.label)).toEqual(['host-2', 'host-1', 'host-3']);
  });

  it('keeps the newest entry for a node (its target may have a new runtime id)', () => {
    const renewed = { ...entry(1), title: 'host-1 renamed' };
    expect(withRecentTarget([entry(1)], renewed)).toEqual([renewed]);
  });

  it('drops the oldest past the bound', () => {
    const list = [1, 2, 3].map(entry);
    expect(withRecentTarget(list, entry(4), 3).map((r) => r.label)).toEqual(['host-4', 'host-1', 'host-2']);
  });
});
