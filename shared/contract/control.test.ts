import { describe, expect, it } from 'vitest';
import { parseControlRequest, parseControlText, parseEventPayload, parseResult, readRequestId } from './control.js';
import { ContractError } from './errors.js';
import { DEFAULT_SETTINGS } from './settings.js';
import { SERVICE_NAMES, SERVICES } from './services.js';

function rejection(fn: () => unknown): ContractError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ContractError) return err;
    throw err;
  }
  throw new Error('expected a ContractError, got success');
}

describe('parseControlRequest', () => {
  it('accepts a well-formed request and applies schema defaults', () => {
    const req = parseControlRequest({
      type: 'request',
      id: 7,
      service: 'forwards',
      method: 'create',
      params: { spec: { target: { kind: 'instance', profile: 'dev', region: 'eu-west-1', instanceId: 'i-0123456789abcdef0' }, remotePort: 5432, localPort: 'auto' } },
    });
    expect(req.id).toBe(7);
    expect(req.params).toMatchObject({ spec: { bindAddress: '127.0.0.1', autoRestart: false } });
  });

  it('rejects a non-object envelope as malformed', () => {
    const err = rejection(() => parseControlRequest('hello'));
    expect(err.code).toBe('malformed');
    expect(err.message).toMatch(/^Malformed control request: /);
  });

  it('rejects unknown envelope fields by name', () => {
    const err = rejection(() => parseControlRequest({ type: 'request', id: 1, service: 'app', method: 'info', params: {}, extra: true }));
    expect(err.code).toBe('malformed');
    expect(err.message).toContain('extra');
  });

  it('names an unknown service method', () => {
    const err = rejection(() => parseControlRequest({ type: 'request', id: 1, service: 'app', method: 'shutdown', params: {} }));
    expect(err.code).toBe('unknown_method');
    expect(err.message).toContain('app.shutdown');
  });

  it('does not treat Object.prototype members as methods', () => {
    expect(rejection(() => parseControlRequest({ type: 'request', id: 1, service: 'constructor', method: 'toString', params: {} })).code).toBe('unknown_method');
    expect(rejection(() => parseControlRequest({ type: 'request', id: 1, service: 'app', method: 'hasOwnProperty', params: {} })).code).toBe('unknown_method');
  });

  it('says which param was wrong and why', () => {
    const err = rejection(() => parseControlRequest({ type: 'request', id: 3, service: 'settings', method: 'update', params: { patch: { fontSize: 400 } } }));
    expect(err.code).toBe('invalid_params');
    expect(err.message).toContain('params.patch.fontSize');
    expect(err.message).toContain('settings.update');
  });

  it('refuses credentials smuggled into a strict params object', () => {
    const err = rejection(() => parseControlRequest({ type: 'request', id: 3, service: 'settings', method: 'update', params: { patch: { awsSecretAccessKey: 'x' } } }));
    expect(err.code).toBe('invalid_params');
    expect(err.message).toContain('awsSecretAccessKey');
  });

  it('recovers the id of a malformed request when it is readable', () => {
    expect(readRequestId({ id: 12, type: 'nope' })).toBe(12);
    expect(readRequestId({ id: -1 })).toBeNull();
    expect(readRequestId(null)).toBeNull();
  });
});

describe('parseControlText', () => {
  it('rejects text that is not JSON', () => {
    const err = rejection(() => parseControlText('{"type":'));
    expect(err.code).toBe('malformed');
    expect(err.message).toMatch(/not valid JSON/);
  });

  it('rejects oversized text before parsing it', () => {
    expect(rejection(() => parseControlText(' '.repeat(1024 * 1024 + 1))).message).toMatch(/too large/);
  });
});

describe('results and events', () => {
  it('checks results against the method schema', () => {
    expect(parseResult('settings', 'get', { settings: DEFAULT_SETTINGS }, 'main')).toEqual({ settings: DEFAULT_SETTINGS });
    const err = rejection(() => parseResult('settings', 'get', { settings: { ...DEFAULT_SETTINGS, theme: 'pink' } }, 'main'));
    expect(err.code).toBe('invalid_result');
    expect(err.message).toContain('result.settings.theme');
  });

  it('checks event payloads and names unknown events', () => {
    expect(parseEventPayload('sessions', 'status', { id: 's1', status: { state: 'closed', exitCode: 0 } })).toEqual({ id: 's1', status: { state: 'closed', exitCode: 0 } });
    expect(rejection(() => parseEventPayload('sessions', 'status', { id: 's1', status: { state: 'gone' } })).message).toContain('payload.status.state');
    expect(rejection(() => parseEventPayload('sessions', 'explode', {})).code).toBe('unknown_method');
    const info = { id: 's1', title: 't', target: { kind: 'instance', profile: 'p', region: 'us-east-1', instanceId: 'i-0123456789abcdef0' }, status: { state: 'connected' }, openedAt: 1 };
    expect(parseEventPayload('sessions', 'info', { session: { ...info, recording: { path: '/d/recordings/t.cast', startedAt: 2 } } })).toMatchObject({ session: { recording: { path: '/d/recordings/t.cast' } } });
    expect(rejection(() => parseEventPayload('sessions', 'info', { session: { ...info, recording: { path: '', startedAt: 2 } } })).message).toContain('recording.path');
  });

  it('declares every area the app needs', () => {
    expect(SERVICE_NAMES.sort()).toEqual(['app', 'auth', 'diagnostics', 'files', 'forwards', 'inspector', 'inventory', 'links', 'sessions', 'settings', 'transfers']);
    expect(Object.keys(SERVICES.sessions.methods).sort()).toEqual(['adopt', 'adoptable', 'close', 'list', 'open', 'rename', 'restart', 'setRecording']);
    expect(Object.keys(SERVICES.transfers.methods).sort()).toEqual(['cancel', 'dismiss', 'lastPath', 'list', 'readDownload', 'startDownload', 'startUpload', 'uploadChunk']);
  });

  it('transfers: refuses remote paths with control characters, local names with folders, oversized or non-base64 chunks', () => {
    const upload = SERVICES.transfers.methods.startUpload.params;
    const target = { kind: 'instance', profile: 'p', region: 'us-east-1', instanceId: 'i-0123456789abcdef0' };
    expect(upload.safeParse({ target, remotePath: '/tmp/a b/ü.txt', name: 'ü b.txt', size: 3 }).success).toBe(true);
    expect(upload.safeParse({ target, remotePath: '/tmp/x\n; rm -rf /', name: 'a', size: 3 }).success).toBe(false);
    expect(upload.safeParse({ target, remotePath: '/tmp/x', name: '../a', size: 3 }).success).toBe(false);
    expect(upload.safeParse({ target, remotePath: '/tmp/x', name: 'a', size: -1 }).success).toBe(false);
    const chunk = SERVICES.transfers.methods.uploadChunk.params;
    expect(chunk.safeParse({ id: 't-1', offset: 0, data: 'AAAA' }).success).toBe(true);
    expect(chunk.safeParse({ id: 't-1', offset: 0, data: 'not base64!' }).success).toBe(false);
    expect(chunk.safeParse({ id: 't-1', offset: 0, data: 'A'.repeat(400_000) }).success).toBe(false);
  });

  it('transfers: the target label the person picked is checked like the rest, and carried in the info', () => {
    const target = { kind: 'instance', profile: 'p', region: 'us-east-1', instanceId: 'i-0123456789abcdef0' };
    const download = SERVICES.transfers.methods.startDownload.params;
    expect(download.safeParse({ target, targetLabel: { name: 'bastion', path: 'p › us-east-1' }, remotePath: '/tmp/x' }).success).toBe(true);
    expect(download.safeParse({ target, targetLabel: { name: '', path: '' }, remotePath: '/tmp/x' }).success).toBe(false);
    expect(download.safeParse({ target, targetLabel: { name: 'x'.repeat(201), path: '' }, remotePath: '/tmp/x' }).success).toBe(false);
    const info = SERVICES.transfers.events.updated.safeParse({
      transfer: {
        id: 't-1', direction: 'download', target, targetLabel: { name: 'bastion', path: '' }, remotePath: '/tmp/x', name: 'x', state: 'failed', phase: 'Failed',
        progress: { bytes: 0, total: null, bytesPerSecond: 0, etaSeconds: null }, sha256: null, compressed: false, error: { kind: 'failed', message: 'Could not connect to bastion.' }, startedAt: 0,
      },
    });
    expect(info.success && info.data.transfer.targetLabel).toEqual({ name: 'bastion', path: '' });
  });
});
