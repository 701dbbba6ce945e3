// UX audit: when a session ended while the person was typing, the keyboard moved to the banner's
// Reopen, and the next Space pressed it: the new shell then got the rest of the line and ran it
// ("echo rm -rf x" ran as "rm -rf x"). A button the keyboard was moved to takes Enter only; one
// the person moved to themselves still takes Space.
import { expect, test } from '../fixtures/web-host.js';
import { activeText, openDemo, runLine, SHELL_TIMEOUT_MS, treeRow, typeLine, waitForShell, waitForTerminalText } from './porthole-ui.js';

test.use({ sandbox: true });

test('Space on the Reopen the keyboard was moved to does not reopen; Enter does, and Space does once the person moved there', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await waitForShell(page);
  const tab = page.locator('.tab[aria-selected="true"]');
  const banner = page.getByTestId('session-closed');
  const reopen = banner.getByRole('button', { name: 'Reopen' });

  await typeLine(page, 'exit');
  await expect(tab).toHaveAttribute('data-state', 'closed', { timeout: SHELL_TIMEOUT_MS });
  await expect(reopen).toBeFocused();
  // Still typing: the space must not press Reopen, so nothing of this line reaches a new shell.
  await page.keyboard.type(' echo typed-$((6*7))');
  await expect(tab).toHaveAttribute('data-state', 'closed');
  await page.keyboard.press('Enter');
  await expect(tab).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });
  await waitForShell(page);
  await runLine(page, 'echo done-$((1+1))');
  await waitForTerminalText(page, /^done-2$/m);
  expect(await activeText(page)).not.toMatch(/^typed-42$/m);

  // Moved there by the person (Tab away and back): Space presses it, as on any button.
  await typeLine(page, 'exit');
  await expect(tab).toHaveAttribute('data-state', 'closed', { timeout: SHELL_TIMEOUT_MS });
  await expect(reopen).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(banner.getByRole('button', { name: 'Close tab' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(reopen).toBeFocused();
  await page.keyboard.press(' ');
  await expect(tab).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });
});
