import { describe, expect, it } from 'vitest';
import { hostWithPort, hostWithPortText, savedHostWithPortText } from './remote-host.js';

describe('a remote host with a port in it', () => {
  it('is a host and one colon with digits, as consoles print an endpoint', () => {
    expect(hostWithPort('db.internal:5432')).toEqual({ host: 'db.internal', port: '5432' });
    expect(hostWithPort(' 10.0.0.5:80 ')).toEqual({ host: '10.0.0.5', port: '80' });
  });

  it('is not an IPv6 literal, a bare host, or a colon without a port', () => {
    for (const host of ['db.internal', '10.0.0.5', '::1', 'fd00::5', 'fd00:0:0:0:0:0:0:5', 'db.internal:', 'db:abc']) expect(hostWithPort(host)).toBeNull();
  });

  it('is told with how to split it, where it is typed and elsewhere', () => {
    const split = { host: 'db.internal', port: '5432' };
    expect(hostWithPortText(split, 'form')).toBe('The remote host has a port in it: enter db.internal here and 5432 as the remote port.');
    expect(hostWithPortText(split, 'spec')).toBe('The remote host has a port in it (db.internal:5432): use db.internal as the remote host and 5432 as the remote port.');
    expect(savedHostWithPortText(split)).toBe(
      'Cannot start: The remote host has a port in it (db.internal:5432): use db.internal as the remote host and 5432 as the remote port. Forget it and add it again that way.',
    );
  });
});
