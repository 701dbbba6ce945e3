// Contract round trips through the real WebSocket: from the UI (theme setting, persisted across
// a reload) and from raw frames sent in the page (app info, settings, malformed messages).
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';

test('a settings update from the UI is applied, persisted and survives a reload', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const select = page.getByTestId('theme-select');
  await expect(select).toBeEnabled();
  await select.selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui-light.png') });
  // The reload has no token in its URL: the page's cookie authorises it and its socket.
  await page.reload();
  await expect(select).toHaveValue('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

interface Exchange {
  info: unknown;
  updated: unknown;
  got: unknown;
  badJson: unknown;
  badParams: unknown;
  badData: unknown;
}

test('raw control and data frames round-trip, and malformed ones are refused clearly', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  await expect(page.getByTestId('app-version')).toBeVisible();
  const result = await page.evaluate(async (): Promise<Exchange> => {
    const ws = new WebSocket(`ws://${location.host}/ws`);
    ws.binaryType = 'arraybuffer';
    const inbox: unknown[] = [];
    const waiters: Array<(m: unknown) => void> = [];
    ws.onmessage = (e) => {
      const m: unknown = JSON.parse(String(e.data));
      const w = waiters.shift();
      if (w) w(m);
      else inbox.push(m);
    };
    const next = (): Promise<unknown> => (inbox.length > 0 ? Promise.resolve(inbox.shift()) : new Promise((r) => waiters.push(r)));
    /** Skips broadcast events to find the reply to a request. */
    const reply = async (): Promise<unknown> => {
      for (;;) {
        const m = (await next()) as { type: string };
        if (m.type !== 'event') return m;
      }
    };
    await new Promise((r) => (ws.onopen = r));
    ws.send(JSON.stringify({ type: 'request', id: 1, service: 'app', method: 'info', params: {} }));
    const info = await reply();
    ws.send(JSON.stringify({ type: 'request', id: 2, service: 'settings', method: 'update', params: { patch: { fontSize: 17, scrollback: 5000 } } }));
    const updated = await reply();
    ws.send(JSON.stringify({ type: 'request', id: 3, service: 'settings', method: 'get', params: {} }));
    const got = await reply();
    ws.send('{"type": "request", oops');
    const badJson = await reply();
    ws.send(JSON.stringify({ type: 'request', id: 4, service: 'settings', method: 'update', params: { patch: { theme: 'sepia' } } }));
    const badParams = await reply();
    ws.send(new Uint8Array([3, 2, 0x73, 0x31, 0, 0]));
    const badData = await reply();
    ws.close();
    return { info, updated, got, badJson, badParams, badData };
  });

  expect(result.info).toMatchObject({ type: 'response', id: 1, ok: true, result: { host: 'web', sandbox: { active: false, endpoint: null } } });
  expect(result.updated).toMatchObject({ id: 2, ok: true, result: { settings: { fontSize: 17, scrollback: 5000 } } });
  expect(result.got).toMatchObject({ id: 3, ok: true, result: { settings: { fontSize: 17, scrollback: 5000 } } });
  expect(result.badJson).toMatchObject({ id: null, ok: false, error: { code: 'malformed', message: expect.stringContaining('not valid JSON') } });
  expect(result.badParams).toMatchObject({ id: 4, ok: false, error: { code: 'invalid_params', message: expect.stringContaining('params.patch.theme') } });
  expect(result.badData).toMatchObject({ type: 'rejected', plane: 'data', error: { code: 'malformed', message: expect.stringContaining('ack body is 2 bytes, expected 4') } });
});
