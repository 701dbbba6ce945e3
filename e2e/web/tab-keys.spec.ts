// The session tabs by keyboard alone (the tablist pattern): ←/→ and Home/End move between tabs
// without switching what shows, Enter shows the focused one, F2 renames it, and Shift+F10 opens
// its menu, so a tab can be shown beside the active one without a mouse; F2 in any tab's menu
// renames that tab. Before, only the active
// tab could take the keyboard and the arrows did nothing, so split view needed a pointer.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openTwoShells } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 1024, height: 640 } });
test.describe.configure({ timeout: 180_000 });

test('keyboard only: reach the tabs, move between them, split, rename and show one', async ({ page, webHost }) => {
  const tabs = await openTwoShells(page, webHost.url);
  const bastion = tabs.filter({ hasText: 'bastion' });
  const appServer = tabs.filter({ hasText: 'app-server' });
  await expect(appServer).toHaveAttribute('aria-selected', 'true');

  // From the tree, Tab reaches the active tab.
  await page.keyboard.press('Control+Shift+E');
  for (let i = 0; i < 30 && !(await appServer.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(appServer).toBeFocused();

  // ← moves to the other tab without switching; End/Home go to the ends.
  await page.keyboard.press('ArrowLeft');
  await expect(bastion).toBeFocused();
  await expect(appServer).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(appServer).toBeFocused();
  await page.keyboard.press('Home');
  await expect(bastion).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(appServer).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(bastion).toBeFocused();

  // Shift+F10: its menu, where "Show beside the active tab" splits the view. It opens under the
  // tab's start, below the strip, never over the tab's title.
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menuitem', { name: 'Show beside the active tab' })).toBeFocused();
  const [menuBox, tabBox] = await Promise.all([page.getByRole('menu').boundingBox(), bastion.boundingBox()]);
  expect(menuBox !== null && tabBox !== null && menuBox.y >= tabBox.y + tabBox.height && Math.abs(menuBox.x - tabBox.x) < 1).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.locator('.terminal-slot:not([hidden])')).toHaveCount(2);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-tab-keys-split-1024.png') });

  // F2 renames the focused tab; Enter keeps the name.
  await bastion.focus();
  await page.keyboard.press('F2');
  const name = page.getByRole('textbox', { name: 'Tab name' });
  await expect(name).toBeFocused();
  await page.keyboard.type('jump host');
  await page.keyboard.press('Enter');
  await expect(tabs.filter({ hasText: 'jump host' })).toHaveCount(1);

  // Enter on a focused tab shows it and gives the keyboard to its terminal.
  await tabs.filter({ hasText: 'jump host' }).focus();
  await page.keyboard.press('Enter');
  await expect(tabs.filter({ hasText: 'jump host' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-testid="active-terminal"] .xterm-helper-textarea')).toBeFocused();

  // F2 in a tab's menu renames that tab: opened by a right-click, which leaves the keyboard in the
  // terminal, and by Shift+F10 on the focused tab.
  await appServer.click({ button: 'right' });
  await expect(page.getByRole('menuitem', { name: /^Rename…/ })).toBeVisible();
  await page.keyboard.press('F2');
  await expect(page.getByRole('menu')).toBeHidden();
  await expect(name).toBeFocused();
  await expect(name).toHaveValue(/app-server/);
  await page.keyboard.type('web app');
  await page.keyboard.press('Enter');
  await expect(tabs.filter({ hasText: 'web app' })).toHaveCount(1);
  await tabs.filter({ hasText: 'jump host' }).focus();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('F2');
  await expect(name).toHaveValue('jump host');
  // The box has the tab's room: no close button over the name's end.
  await expect(page.locator('.tab:has(.tab-rename)').getByRole('button', { name: /^Close / })).toBeHidden();
  await page.keyboard.type('bastion 2');
  await page.keyboard.press('Enter');
  await expect(tabs.filter({ hasText: 'bastion 2' })).toHaveCount(1);
});
