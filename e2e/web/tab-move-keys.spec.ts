// Tabs could be put in order only by dragging them with a pointer. Ctrl+Shift+←/→ on a focused tab
// moves it one place along the strip; it keeps the keyboard, stays the tab shown, and stops at the ends.
import { expect, test } from '../fixtures/web-host.js';
import { activeSessionId, openTwoShells } from './porthole-ui.js';

test.use({ sandbox: true });

test('Ctrl+Shift+arrows move the focused tab along the strip, keeping focus and what shows', async ({ page, webHost }) => {
  const tabs = await openTwoShells(page, webHost.url);
  const appServer = tabs.filter({ hasText: 'app-server' });
  const shown = await activeSessionId(page);

  await appServer.focus();
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await expect(tabs).toHaveText([/app-server/, /bastion/]);
  await expect(appServer).toBeFocused();
  await expect(appServer).toHaveAttribute('aria-selected', 'true');
  expect(await activeSessionId(page)).toBe(shown);

  // At the start already: nothing moves.
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await expect(tabs).toHaveText([/app-server/, /bastion/]);
  await page.keyboard.press('Control+Shift+ArrowRight');
  await expect(tabs).toHaveText([/bastion/, /app-server/]);
  await expect(appServer).toBeFocused();
});
