import { describe, expect, it } from 'vitest';
import { isVersionAbove, portFeatures } from './versions.js';

describe('plugin-style version gates (§8.1)', () => {
  it('is strictly greater, numerically, component by component', () => {
    expect(isVersionAbove('3.0.196.1', '3.0.196.0')).toBe(true);
    expect(isVersionAbove('3.0.196.0', '3.0.196.0')).toBe(false);
    expect(isVersionAbove('3.0.1000.0', '3.0.196.0')).toBe(true);
    expect(isVersionAbove('10.0.0.0', '3.0.196.0')).toBe(true);
    expect(isVersionAbove('2.9.999.9', '3.0.196.0')).toBe(false);
  });

  it('treats a different component count or a non-numeric part as unsupported', () => {
    expect(isVersionAbove('3.1', '3.0.196.0')).toBe(false);
    expect(isVersionAbove('3.3.987.0.1', '3.0.196.0')).toBe(false);
    expect(isVersionAbove('3.3.x.0', '3.0.196.0')).toBe(false);
  });

  it('picks mux and keepalive from the agent version', () => {
    expect(portFeatures('3.3.987.0')).toEqual({ mux: true, keepAlive: false, terminateFlag: true });
    expect(portFeatures('3.1.1511.0')).toEqual({ mux: true, keepAlive: true, terminateFlag: true });
    expect(portFeatures('3.0.196.0')).toEqual({ mux: false, keepAlive: true, terminateFlag: true });
    expect(portFeatures('2.3.722.0')).toEqual({ mux: false, keepAlive: true, terminateFlag: false });
    expect(portFeatures('3.3')).toEqual({ mux: false, keepAlive: true, terminateFlag: false });
  });
});
