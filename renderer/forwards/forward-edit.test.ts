import { describe, expect, it } from 'vitest';
import type { ForwardInfo, ForwardSpec } from '../../shared/contract/index.js';
import { editEffect, failedOnLocalPort, fieldsOf, localPortHint, specChanged } from './forward-edit.js';

const spec: ForwardSpec = {
  target: { kind: 'instance', profile: 'dev', region: 'eu-west-1', instanceId: 'i-0123456789abcdef0' },
  remotePort: 5432,
  remoteHost: 'db.internal',
  localPort: 15432,
  bindAddress: '127.0.0.1',
  name: 'db',
  autoRestart: true,
};
const forward: ForwardInfo = { id: 'f1', spec, localPort: 15432, lastLocalPort: 15432, state: 'listening', error: null, connectionErrors: { count: 0, last: null } };

describe('the forward form editing a forward', () => {
  it('starts from the forward’s own settings', () => {
    expect(fieldsOf(spec)).toEqual({ remotePort: '5432', viaHost: true, remoteHost: 'db.internal', localPort: '15432', name: 'db', autoRestart: true });
    expect(fieldsOf({ ...spec, localPort: 'auto', remoteHost: undefined, name: undefined })).toMatchObject({ localPort: '', viaHost: false, remoteHost: '', name: '' });
  });

  it('focuses the local port only for a forward that failed on it', () => {
    expect(failedOnLocalPort({ ...forward, state: 'failed', localBindProblem: 'port-in-use' })).toBe(true);
    expect(failedOnLocalPort({ ...forward, state: 'failed', localBindProblem: 'port-privileged' })).toBe(true);
    // The form offers no bind address: the local port is not what to change.
    expect(failedOnLocalPort({ ...forward, state: 'failed', localBindProblem: 'address-not-local' })).toBe(false);
    expect(failedOnLocalPort({ ...forward, state: 'failed' })).toBe(false);
    expect(failedOnLocalPort(forward)).toBe(false);
  });

  it('says what saving does, by the forward’s state, with its address and open connections', () => {
    expect(editEffect(forward, 'listening', 3)).toEqual({ submit: 'Save and restart', text: 'Saving restarts this forward: localhost:15432 closes first, ending the 3 connections open through it.' });
    expect(editEffect({ ...forward, localPort: null }, 'failed', 0)).toEqual({ submit: 'Save and start', text: 'Saving starts this forward again on its new settings.' });
    expect(editEffect({ ...forward, localPort: null }, 'stopped', 0).submit).toBe('Save');
  });

  it('names the automatic port it keeps', () => {
    expect(localPortHint({ ...forward, spec: { ...spec, localPort: 'auto' }, localPort: 40123 })).toBe('Empty: a free port (now 40123).');
    expect(localPortHint(forward)).toBe('Leave empty to pick a free port.');
    expect(localPortHint(undefined)).toBe('Leave empty to pick a free port.');
  });

  it('tells a saved forward that an empty port is picked once and kept (its saved entry pins it)', () => {
    const pinned = 'Empty: a free port is picked, then kept as this saved forward’s port.';
    expect(localPortHint({ ...forward, savedId: 's1' }, true)).toBe(pinned);
    expect(localPortHint({ ...forward, spec: { ...spec, localPort: 'auto' }, localPort: 40123, savedId: 's1' }, true)).toBe(pinned);
    // Saved unticked: the forward is no longer saved, its automatic port is not pinned.
    expect(localPortHint({ ...forward, spec: { ...spec, localPort: 'auto' }, localPort: 40123 }, false)).toBe('Empty: a free port (now 40123).');
  });

  it('sees a change in what the forward runs on, not in its label', () => {
    expect(specChanged(spec, { ...spec, targetLabel: { name: 'bastion', path: 'dev › eu-west-1' } })).toBe(false);
    expect(specChanged(spec, { ...spec, localPort: 15433 })).toBe(true);
    expect(specChanged(spec, { ...spec, remoteHost: undefined })).toBe(true);
    expect(specChanged(spec, { ...spec, name: 'replica' })).toBe(true);
    // Following a service (or no longer) changes where every later start goes.
    expect(specChanged(spec, { ...spec, follow: { service: 'web' } })).toBe(true);
  });
});
