// Without the start token the web host serves nothing and accepts no WebSocket.
import { expect, test } from '../fixtures/web-host.js';

test('a request without the token is refused', async ({ page, request, webHost }) => {
  const plain = await request.get(`${webHost.origin}/`);
  expect(plain.status()).toBe(403);
  expect(await plain.text()).toContain('needs the token');
  const wrong = await request.get(`${webHost.origin}/?token=${'f'.repeat(64)}`);
  expect(wrong.status()).toBe(403);

  const response = await page.goto(`${webHost.origin}/`);
  expect(response?.status()).toBe(403);
  await expect(page.locator('body')).toContainText('needs the token');
});

test('a WebSocket without the token is refused', async ({ page, webHost }) => {
  // From the refusal page: same origin, but no cookie was ever set.
  await page.goto(`${webHost.origin}/`);
  const outcome = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://${location.host}/ws`);
        ws.onopen = () => resolve('opened');
        ws.onclose = (e) => resolve(`closed ${e.code}`);
      }),
  );
  expect(outcome).toBe('closed 1006');
});
