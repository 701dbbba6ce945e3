// forwards.edit through the contract's request parser: what the preload and the web host send
// is checked here before any forward is touched.
import { describe, expect, it } from 'vitest';
import { parseControlRequest, parseResult } from './control.js';
import { ContractError } from './errors.js';

const target = { kind: 'instance', profile: 'dev', region: 'eu-west-1', instanceId: 'i-0123456789abcdef0' };
const spec = { target, remotePort: 5432, localPort: 15432, name: 'db' };

function editRequest(params: unknown): unknown {
  return { type: 'request', id: 9, service: 'forwards', method: 'edit', params };
}

function refusal(params: unknown): ContractError {
  try {
    parseControlRequest(editRequest(params));
  } catch (err) {
    if (err instanceof ContractError) return err;
    throw err;
  }
  throw new Error('expected a ContractError, got success');
}

describe('forwards.edit params', () => {
  it('accepts an id and a full spec, with the same defaults as create', () => {
    const req = parseControlRequest(editRequest({ id: 'fwd-1', spec }));
    expect(req.params).toEqual({ id: 'fwd-1', spec: { ...spec, bindAddress: '127.0.0.1', autoRestart: false } });
    expect(parseControlRequest(editRequest({ id: 'fwd-1', spec: { ...spec, localPort: 'auto' } })).params).toMatchObject({ spec: { localPort: 'auto' } });
  });

  it('names what is wrong: no id, no spec, a port out of range, a remote host that is not one', () => {
    expect(refusal({ spec }).message).toContain('params.id');
    expect(refusal({ id: 'fwd-1' }).message).toContain('params.spec');
    const port = refusal({ id: 'fwd-1', spec: { ...spec, localPort: 70_000 } });
    expect(port.code).toBe('invalid_params');
    expect(port.message).toContain('params.spec.localPort');
    expect(refusal({ id: 'fwd-1', spec: { ...spec, remoteHost: 'db; rm -rf /' } }).message).toContain('params.spec.remoteHost');
    expect(refusal({ id: '', spec }).message).toContain('params.id');
  });

  it('refuses fields it does not define (strict params)', () => {
    const err = refusal({ id: 'fwd-1', spec, savedId: 'other' });
    expect(err.code).toBe('invalid_params');
    expect(err.message).toContain('savedId');
  });

  it('answers with the edited forward, checked like every forward result', () => {
    const forward = { id: 'fwd-1', spec: { ...spec, bindAddress: '127.0.0.1', autoRestart: false }, localPort: 15432, lastLocalPort: 15432, state: 'listening', error: null, connectionErrors: { count: 0, last: null } };
    expect(parseResult('forwards', 'edit', { forward }, 'main')).toEqual({ forward });
    expect(() => parseResult('forwards', 'edit', { forward: { ...forward, state: 'sleeping' } }, 'main')).toThrow(/invalid result for forwards.edit/);
  });
});

describe('a remote host with a port in it', () => {
  const create = (params: unknown): unknown => ({ type: 'request', id: 10, service: 'forwards', method: 'create', params });

  it('is refused from any caller (create, edit), saying how to split it; IPv6 literals pass', () => {
    const split = 'The remote host has a port in it (db.internal:5432): use db.internal as the remote host and 5432 as the remote port.';
    const edit = refusal({ id: 'fwd-1', spec: { ...spec, remoteHost: 'db.internal:5432' } });
    expect(edit.code).toBe('invalid_params');
    expect(edit.message).toContain('params.spec.remoteHost');
    expect(edit.message).toContain(split);
    expect(() => parseControlRequest(create({ spec: { ...spec, remoteHost: 'db.internal:5432' } }))).toThrow(split);
    for (const remoteHost of ['fd00::5', '::1', 'db.internal']) expect(parseControlRequest(create({ spec: { ...spec, remoteHost } })).params).toMatchObject({ spec: { remoteHost } });
  });

  it('still loads in a saved forward (saved before it was refused), with the problem its row shows', () => {
    const saved = { savedId: 's1', spec: { ...spec, remoteHost: 'db.internal:5432', bindAddress: '127.0.0.1', autoRestart: false }, savedAt: 1, problem: 'Cannot start: …' };
    expect(parseResult('forwards', 'saved', { saved: [saved] }, 'main')).toEqual({ saved: [saved] });
  });
});
