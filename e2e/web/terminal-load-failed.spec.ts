// A shell opened while the terminal's code cannot be loaded (the host was rebuilt under the open
// page: the chunk's hashed name is gone) says so in its tab, with a Reload button that reloads.
// The chunk's requests are aborted here, which is what a page holding the old names meets.
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp } from './porthole-ui.js';

test.use({ sandbox: true });

const TERMINAL_CHUNK = '**/terminal-controller-*.js';

test('a shell whose terminal code fails to load says "reload to continue" in its tab, and Reload reloads', async ({ page, webHost }) => {
  await page.route(TERMINAL_CHUNK, (route) => route.abort());
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  const slot = page.locator('.terminal-slot:not([hidden])');
  await expect(slot.getByRole('alert')).toContainText('Porthole was updated — reload to continue.');
  const reload = slot.getByRole('button', { name: 'Reload', exact: true });
  await expect(reload).toBeVisible();
  // The new build's chunk is served again: Reload brings a fresh page without the message.
  await page.unroute(TERMINAL_CHUNK);
  await Promise.all([page.waitForEvent('load'), reload.click()]);
  await expect(page.getByTestId('app')).toBeVisible();
  await expect(page.getByText('reload to continue')).toHaveCount(0);
});
