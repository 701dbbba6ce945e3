// The Electron links service: what reaches the OS opener, and what is refused with a reason.
// The request goes through a real router connection, so the contract's own checks apply too.
import { describe, expect, it } from 'vitest';
import { Router } from '../../main/ipc/router.js';
import { createLinksService, linkRefusal } from './external-links.js';

function connectedRouter(opened: string[], fail = false) {
  const router = new Router();
  router.register('links', createLinksService(async (url) => {
    if (fail) throw new Error('no handler for http');
    opened.push(url);
  }));
  const connection = router.connect({ sendControl: () => undefined, sendData: () => undefined });
  let id = 0;
  return (params: unknown) => connection.handleControl({ type: 'request', id: ++id, service: 'links', method: 'open', params });
}

describe('links service (Electron)', () => {
  it('opens http(s) links, and a forward only on loopback', async () => {
    const opened: string[] = [];
    const open = connectedRouter(opened);
    expect(await open({ url: 'https://docs.aws.amazon.com/x?y=1', purpose: 'link' })).toMatchObject({ ok: true, result: { opened: true } });
    expect(await open({ url: 'http://127.0.0.1:8080/', purpose: 'forward' })).toMatchObject({ ok: true, result: { opened: true } });
    expect(await open({ url: 'http://localhost:8080/', purpose: 'forward' })).toMatchObject({ ok: true, result: { opened: true } });
    expect(opened).toEqual(['https://docs.aws.amazon.com/x?y=1', 'http://127.0.0.1:8080/', 'http://localhost:8080/']);
  });

  it('refuses other schemes and credentials at the contract, and a remote forward here', async () => {
    const opened: string[] = [];
    const open = connectedRouter(opened);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'not a url', 'https://user:pw@example.com/', 'http://docs.aws.amazon.com@evil.test/']) {
      expect(await open({ url, purpose: 'link' }), url).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    }
    expect(await open({ url: 'http://example.com:8080/', purpose: 'forward' })).toMatchObject({ ok: true, result: { opened: false, reason: expect.stringMatching(/only on this computer/) } });
    expect(opened).toEqual([]);
  });

  it('reports an opener failure as not opened', async () => {
    const open = connectedRouter([], true);
    expect(await open({ url: 'https://example.com/', purpose: 'link' })).toMatchObject({ ok: true, result: { opened: false, reason: expect.stringMatching(/could not open it: no handler/) } });
  });

  it('linkRefusal checks the scheme itself too, for callers outside the contract', () => {
    expect(linkRefusal('file:///x', 'link')).toMatch(/only http and https/);
    expect(linkRefusal('http://[::1]:80/', 'forward')).toBeNull();
  });
});
