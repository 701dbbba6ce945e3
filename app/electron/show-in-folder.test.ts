// The Electron `files` service: a recording Porthole wrote is shown in its folder; any other path
// from the page (another file, a relative or dotted path, a file gone since) is refused with a
// reason and never reaches the OS. Requests go through a real router connection, so the contract's
// own checks apply too.
import { describe, expect, it } from 'vitest';
import { Router } from '../../main/ipc/router.js';
import { createFilesService } from './show-in-folder.js';

const WRITTEN = '/data/porthole/recordings/web-2026-12-06T01-00-00-000Z.cast';

function connectedRouter(opts: { gone?: boolean; fail?: boolean } = {}) {
  const revealed: string[] = [];
  const router = new Router();
  router.register(
    'files',
    createFilesService({
      wrote: (path) => path === WRITTEN,
      exists: async () => !opts.gone,
      reveal: (path) => {
        if (opts.fail) throw new Error('no file manager');
        revealed.push(path);
      },
    }),
  );
  const connection = router.connect({ sendControl: () => undefined, sendData: () => undefined });
  let id = 0;
  const show = (params: unknown) => connection.handleControl({ type: 'request', id: ++id, service: 'files', method: 'showInFolder', params });
  return { show, revealed };
}

describe('files.showInFolder (Electron)', () => {
  it('shows a recording Porthole wrote', async () => {
    const { show, revealed } = connectedRouter();
    expect(await show({ path: WRITTEN })).toMatchObject({ ok: true, result: { shown: true } });
    expect(revealed).toEqual([WRITTEN]);
  });

  it('refuses any other path, relative or dotted ones included, without touching the OS', async () => {
    const { show, revealed } = connectedRouter();
    for (const path of ['/etc/passwd', '/data/porthole/recordings/other.cast', 'recordings/web.cast', '/data/porthole/recordings/../recordings/web-2026-12-06T01-00-00-000Z.cast', '/data/porthole//recordings/web-2026-12-06T01-00-00-000Z.cast']) {
      expect(await show({ path }), path).toMatchObject({ ok: true, result: { shown: false, reason: 'not a file Porthole wrote' } });
    }
    expect(revealed).toEqual([]);
  });

  it('refuses malformed requests at the contract', async () => {
    const { show, revealed } = connectedRouter();
    for (const params of [{ path: '' }, { path: 42 }, {}, { path: WRITTEN, extra: true }, { path: 'x'.repeat(5000) }]) {
      expect(await show(params), JSON.stringify(params).slice(0, 40)).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    }
    expect(revealed).toEqual([]);
  });

  it('says when the file is gone, or the system could not show it', async () => {
    expect(await connectedRouter({ gone: true }).show({ path: WRITTEN })).toMatchObject({ ok: true, result: { shown: false, reason: `${WRITTEN} is no longer there` } });
    expect(await connectedRouter({ fail: true }).show({ path: WRITTEN })).toMatchObject({ ok: true, result: { shown: false, reason: expect.stringMatching(/could not show it: no file manager/) } });
  });
});
