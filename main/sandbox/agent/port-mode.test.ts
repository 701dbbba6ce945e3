import { describe, expect, it } from 'vitest';
import { selectPortMode } from './port-mode.js';
import { compareAgentStyle } from './version.js';

const NEW = '3.3.987.0';
const lpf = { portNumber: '80', type: 'LocalPortForwarding', localPortNumber: '0' };

describe('port mode selection (§8.1, agent rules)', () => {
  it('uses mux from 1.1.70 on, keepalive on up to and including 1.2.331.0', () => {
    expect(selectPortMode(lpf, '1.1.69.0', NEW)).toEqual({ mode: 'basic', localPortForwarding: true });
    expect(selectPortMode(lpf, '1.1.70.0', NEW)).toEqual({ mode: 'mux', keepAlive: true });
    expect(selectPortMode(lpf, '1.1.70', NEW)).toEqual({ mode: 'mux', keepAlive: true });
    expect(selectPortMode(lpf, '1.2.331.0', NEW)).toEqual({ mode: 'mux', keepAlive: true });
    expect(selectPortMode(lpf, '1.2.331.1', NEW)).toEqual({ mode: 'mux', keepAlive: false });
    expect(selectPortMode(lpf, '1.2.650.0', NEW)).toEqual({ mode: 'mux', keepAlive: false });
  });

  it('never muxes with an agent version that predates mux, and keeps keepalive on before 3.1.1511.0', () => {
    expect(selectPortMode(lpf, '1.2.650.0', '3.0.196.0')).toEqual({ mode: 'basic', localPortForwarding: true });
    expect(selectPortMode(lpf, '1.2.650.0', '2.3.722.0')).toEqual({ mode: 'basic', localPortForwarding: true });
    expect(selectPortMode(lpf, '1.2.650.0', '3.1.1511.0')).toEqual({ mode: 'mux', keepAlive: true });
    expect(selectPortMode(lpf, '1.2.650.0', '3.1.1512.0')).toEqual({ mode: 'mux', keepAlive: false });
  });

  it('runs the SSH document (no type) and a missing version as basic', () => {
    expect(selectPortMode({ portNumber: '22' }, '1.2.650.0', NEW)).toEqual({ mode: 'basic', localPortForwarding: false });
    expect(selectPortMode(lpf, '', NEW)).toEqual({ mode: 'basic', localPortForwarding: true });
  });

  it('compares numerically, fewer components lower, garbage lowest', () => {
    expect(compareAgentStyle('1.10.0', '1.9.0')).toBe(1);
    expect(compareAgentStyle('1.1.70', '1.1.70.0')).toBe(-1);
    expect(compareAgentStyle('1.x.0', '1.0.0')).toBe(-1);
    expect(compareAgentStyle('3.3.987.0', '3.3.987.0')).toBe(0);
  });
});
