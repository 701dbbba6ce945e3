// A dialog whose code cannot be loaded (the host was rebuilt under the open page: the chunk's
// hashed name is gone) says so where the dialog would be, with a Reload button that reloads. It
// used to fail silently: the message landed in no visible cell of the app's grid. The chunk's
// requests are aborted here, which is what a page holding the old names meets.
import { expect, test } from '../fixtures/web-host.js';

const SHORTCUTS_CHUNK = '**/ShortcutsHelp-*.js';

test('Shortcuts whose code fails to load: a visible "reload to continue" dialog, and Reload reloads', async ({ page, webHost }) => {
  await page.route(SHORTCUTS_CHUNK, (route) => route.abort());
  await page.goto(webHost.url);
  const shortcuts = page.locator('footer.status-bar').getByRole('button', { name: 'Shortcuts', exact: true });
  await shortcuts.click();
  const failed = page.getByRole('dialog', { name: 'Could not open' });
  await expect(failed.getByRole('alert')).toContainText('Porthole was updated — reload to continue.');
  await expect(failed).toBeVisible();
  const reload = failed.getByRole('button', { name: 'Reload', exact: true });
  await expect(reload).toBeVisible();

  // The new build's chunk is served again: Reload brings a page that opens the help.
  await page.unroute(SHORTCUTS_CHUNK);
  await Promise.all([page.waitForEvent('load'), reload.click()]);
  await shortcuts.click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
});
