// A command picked in the palette that cannot run now says why and what to do, not "nothing to do here now".
import { expect, test } from '../fixtures/web-host.js';
import { openDemo } from './porthole-ui.js';

test.use({ sandbox: true });

test('Close tab with no tab open says to open a shell first, and how', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog');
  await expect(palette).toBeVisible();
  await page.keyboard.type('Close tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('.toast')).toHaveText('Close tab: no tab is open. Open a shell first: Enter or a double-click on a container or instance in the tree, or Ctrl+P.');
});
