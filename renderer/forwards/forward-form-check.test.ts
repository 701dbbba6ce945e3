import { describe, expect, it } from 'vitest';
import type { ForwardInfo, TargetRef } from '../../shared/contract/index.js';
import { duplicateForwardWarning, formProblem, parsePort, startRefusal } from './forward-form-check.js';
import { targetKey } from './forward-targets.js';

const ok = { hasTarget: true, remotePort: '8080', localPort: '', viaHost: false, remoteHost: '', name: '' };

describe('formProblem', () => {
  it('accepts a complete form, with an empty local port meaning a free one', () => {
    expect(formProblem(ok)).toBeNull();
    expect(formProblem({ ...ok, localPort: ' 15432 ', viaHost: true, remoteHost: 'db.internal', name: 'orders' })).toBeNull();
  });

  it('names the field each refusal is about', () => {
    expect(formProblem({ ...ok, hasTarget: false })?.field).toBe('target');
    expect(formProblem({ ...ok, remotePort: '99999' })?.field).toBe('remotePort');
    expect(formProblem({ ...ok, remotePort: '' })?.field).toBe('remotePort');
    expect(formProblem({ ...ok, localPort: 'abc' })?.field).toBe('localPort');
    expect(formProblem({ ...ok, localPort: '0' })?.field).toBe('localPort');
    expect(formProblem({ ...ok, viaHost: true, remoteHost: ' ' })?.field).toBe('remoteHost');
    expect(formProblem({ ...ok, viaHost: true, remoteHost: 'db; rm -rf /' })?.field).toBe('remoteHost');
    expect(formProblem({ ...ok, viaHost: true, remoteHost: `${'a'.repeat(250)}.example.com` })?.text).toBe('The remote host has at most 253 characters (the longest DNS name).');
    expect(formProblem({ ...ok, name: 'n'.repeat(201) })).toEqual({ field: 'name', text: 'The name has at most 200 characters.' });
  });

  it('says the first problem in the order the fields are laid out', () => {
    expect(formProblem({ ...ok, remotePort: 'x', localPort: 'y', name: 'n'.repeat(201) })?.field).toBe('remotePort');
    expect(formProblem({ ...ok, localPort: 'y', name: 'n'.repeat(201) })?.field).toBe('localPort');
  });

  it('refuses a remote host with a port stuck on, saying how to split it, but not an IPv6 literal', () => {
    const pasted = { ...ok, remotePort: '', viaHost: true, remoteHost: ' orders.cluster-abc.eu-west-1.rds.amazonaws.com:5432 ' };
    expect(formProblem(pasted)).toEqual({
      field: 'remoteHost',
      text: 'The remote host has a port in it: enter orders.cluster-abc.eu-west-1.rds.amazonaws.com here and 5432 as the remote port.',
    });
    expect(formProblem({ ...pasted, remotePort: '5432' })?.field).toBe('remoteHost');
    expect(formProblem({ ...ok, viaHost: true, remoteHost: 'fd00::5' })).toBeNull();
    expect(formProblem({ ...ok, viaHost: true, remoteHost: '::1' })).toBeNull();
    expect(formProblem({ ...ok, viaHost: false, remoteHost: 'db.internal:5432' })).toBeNull();
  });

  it('ignores the remote host while the form is not forwarding to one', () => {
    expect(formProblem({ ...ok, viaHost: false, remoteHost: 'not a host!' })).toBeNull();
  });
});

describe('parsePort', () => {
  it('reads whole numbers from 1 to 65535, spaces around allowed', () => {
    expect(parsePort(' 22 ')).toBe(22);
    expect(parsePort('65535')).toBe(65535);
    for (const bad of ['', ' ', '0', '65536', '80.5', '8e1x', '-1']) expect(parsePort(bad)).toBeNull();
  });
});

describe('duplicateForwardWarning', () => {
  const app: TargetRef = { kind: 'ecs-container', profile: 'dev', region: 'eu-west-1', cluster: 'demo', taskArn: 'arn:aws:ecs:eu-west-1:1:task/demo/abc', containerName: 'app', runtimeId: 'abc-1' };
  const bastion: TargetRef = { kind: 'instance', profile: 'dev', region: 'eu-west-1', instanceId: 'i-0123456789abcdef0' };
  const listed = (id: string, target: TargetRef, remotePort: number, localPort: number | null, more: Partial<ForwardInfo['spec']> = {}): ForwardInfo => ({
    id,
    spec: { target, remotePort, localPort: 'auto', bindAddress: '127.0.0.1', autoRestart: false, ...more },
    localPort,
    lastLocalPort: localPort ?? 41000,
    state: localPort === null ? 'stopped' : 'listening',
    error: null,
    connectionErrors: { count: 0, last: null },
  });
  const form = { target: { key: targetKey(app), name: 'app' }, remotePort: '8080', viaHost: false, remoteHost: '' };
  const forwards = [listed('a', app, 8080, 36255), listed('b', bastion, 5432, null, { remoteHost: 'db.internal' })];

  it('warns when a listed forward goes to the same target and port, saying where it listens', () => {
    expect(duplicateForwardWarning(form, forwards)).toBe('You already forward app:8080 on localhost:36255.');
    expect(duplicateForwardWarning({ ...form, remotePort: ' 8080 ' }, forwards)).toBe('You already forward app:8080 on localhost:36255.');
  });

  it('compares the remote host too (ignoring case), and says a stopped one is stopped', () => {
    const viaDb = { target: { key: targetKey(bastion), name: 'bastion' }, remotePort: '5432', viaHost: true, remoteHost: 'DB.internal' };
    expect(duplicateForwardWarning(viaDb, forwards)).toBe('You already forward db.internal:5432 via bastion on localhost:41000 (stopped).');
    expect(duplicateForwardWarning({ ...viaDb, remoteHost: 'other.internal' }, forwards)).toBeNull();
    expect(duplicateForwardWarning({ ...viaDb, viaHost: false }, forwards)).toBeNull();
    expect(duplicateForwardWarning({ ...form, viaHost: true, remoteHost: 'db.internal' }, forwards)).toBeNull();
  });

  it('says nothing for another port or target, an unfinished form, or the forward being edited itself', () => {
    expect(duplicateForwardWarning({ ...form, remotePort: '8081' }, forwards)).toBeNull();
    expect(duplicateForwardWarning({ ...form, target: { key: targetKey(bastion), name: 'bastion' } }, forwards)).toBeNull();
    expect(duplicateForwardWarning({ ...form, target: undefined }, forwards)).toBeNull();
    expect(duplicateForwardWarning({ ...form, remotePort: '' }, forwards)).toBeNull();
    expect(duplicateForwardWarning({ ...form, editing: 'a' }, forwards)).toBeNull();
    expect(duplicateForwardWarning(form, [])).toBeNull();
  });
});

describe('startRefusal', () => {
  const refusal = { reason: 'The ECS Exec agent is stopped.', nextStep: 'Run Diagnose.' };
  const ofService = { key: 'c:broken', refusal, service: 'workers' };
  const standalone = { key: 'c:alone', refusal, service: null };

  it('does not refuse a forward that follows its service: main starts it on a task that is ready', () => {
    expect(startRefusal(ofService, { follow: true, editedTargetKey: null })).toBeNull();
  });

  it('refuses a pinned forward, and a container of no service whatever the box says', () => {
    expect(startRefusal(ofService, { follow: false, editedTargetKey: null })).toBe(refusal);
    expect(startRefusal(standalone, { follow: true, editedTargetKey: null })).toBe(refusal);
  });

  it('does not re-check an edit that keeps its target, nor a ready target or none', () => {
    expect(startRefusal(ofService, { follow: false, editedTargetKey: 'c:broken' })).toBeNull();
    expect(startRefusal({ ...ofService, refusal: null }, { follow: false, editedTargetKey: null })).toBeNull();
    expect(startRefusal(undefined, { follow: false, editedTargetKey: null })).toBeNull();
  });
});
