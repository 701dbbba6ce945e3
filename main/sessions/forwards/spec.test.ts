import { describe, expect, it } from 'vitest';
import { parseSpec } from './spec.js';

describe('parseSpec', () => {
  it('validates specs: ports in range, a target required', () => {
    expect(() => parseSpec({ target: { kind: 'instance', instanceId: 'i-1' }, remotePort: 70_000 })).toThrow();
    expect(() => parseSpec({ remotePort: 80 })).toThrow();
    expect(parseSpec({ target: { kind: 'instance', instanceId: 'i-1' }, remotePort: 22, ssh: true })).toEqual({
      target: { kind: 'instance', instanceId: 'i-1' },
      remotePort: 22,
      ssh: true,
    });
  });
});
