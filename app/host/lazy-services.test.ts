// The start-up both hosts share: nothing is built before start(); calls on the router wait for
// the build and are answered after; close() waits for a build in progress and closes what it
// built, and has nothing to wait for when the build never started or failed.
import { describe, expect, it } from 'vitest';
import type { ClientTransport } from '../../main/ipc/router.js';
import { LazyServices } from './lazy-services.js';

const transport: ClientTransport = { sendControl: () => undefined, sendData: () => undefined };
const ping = { type: 'request', id: 1, service: 'links', method: 'open', params: { url: 'https://example.com/', purpose: 'link' } };

describe('LazyServices', () => {
  it('builds nothing before start(), and close() then returns at once', async () => {
    let composed = 0;
    const lazy = new LazyServices(async () => {
      composed++;
      return { close: async () => undefined };
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(composed).toBe(0);
    expect(lazy.current).toBeNull();
    await lazy.close();
    expect(composed).toBe(0);
  });

  it('holds calls until the build is done, then answers them; close() waits for the build and closes it once', async () => {
    let finish: () => void = () => undefined;
    const building = new Promise<void>((r) => (finish = r));
    let closed = 0;
    const lazy = new LazyServices(async (router) => {
      await building;
      router.register('links', { open: () => ({ opened: false, reason: 'test' }) });
      return { close: async () => void closed++ };
    });
    const answer = lazy.router.connect(transport).handleControl(ping);
    lazy.start();
    const closing = lazy.close();
    let settled = false;
    void Promise.all([answer, closing]).then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    finish();
    expect(await answer).toMatchObject({ ok: true, result: { opened: false, reason: 'test' } });
    await closing;
    expect(closed).toBe(1);
    expect(lazy.current).not.toBeNull();
  });

  it('a failed build answers calls with why (not_started) and leaves nothing to close', async () => {
    const lazy = new LazyServices(async () => {
      throw new Error('no room on the disk');
    });
    lazy.start();
    await expect(lazy.services).rejects.toThrow('no room');
    expect(await lazy.router.connect(transport).handleControl(ping)).toMatchObject({ ok: false, error: { code: 'not_started', message: 'Porthole could not start: no room on the disk' } });
    await expect(lazy.close()).resolves.toBeUndefined();
    expect(lazy.current).toBeNull();
  });
});
