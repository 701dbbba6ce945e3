// Closing the last tab never drops the keyboard on the page body: it goes to the tree, where the
// next shell is opened, whichever way the tab was closed (keys and the close question, the tab's ×
// on an ended session).
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, typeLine, treeRow, waitForShell } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

const onBody = (page: Page): Promise<boolean> => page.evaluate(() => document.activeElement === null || document.activeElement === document.body);

test('after the last tab closes, the keyboard is on the tree row that opened it, and Enter opens a shell again', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const bastion = treeRow(page, 'instance', 'bastion');
  await bastion.dblclick();
  await waitForShell(page);

  // Keys, then the close question's button.
  await page.locator('[data-testid="active-terminal"] .xterm').click();
  await page.keyboard.press('Alt+Shift+W');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Close session' }).click();
  await expect(page.locator('.tab')).toHaveCount(0);
  await expect(bastion).toBeFocused();
  expect(await onBody(page)).toBe(false);

  // The keyboard really is there: Enter opens the next shell.
  await page.keyboard.press('Enter');
  await waitForShell(page);
  await typeLine(page, 'exit');
  await expect(page.locator('.tab[aria-selected="true"]')).toHaveAttribute('data-state', 'closed');
  // An ended session closes with its × and no question.
  await page.locator('.tab[aria-selected="true"] .tab-close').click();
  await expect(page.locator('.tab')).toHaveCount(0);
  await expect(bastion).toBeFocused();
});

test('renaming a tab gives the keyboard back to its terminal, by Enter and by Esc', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await waitForShell(page);
  const tab = page.locator('.tab[aria-selected="true"]');
  const input = page.locator('[data-testid="active-terminal"] textarea.xterm-helper-textarea');
  await tab.dblclick();
  await page.getByRole('textbox', { name: 'Tab name' }).fill('prod bastion');
  await page.keyboard.press('Enter');
  await expect(tab).toContainText('prod bastion');
  await expect(input).toBeFocused();
  await tab.dblclick();
  await page.getByRole('textbox', { name: 'Tab name' }).fill('never mind');
  await page.keyboard.press('Escape');
  await expect(tab).toContainText('prod bastion');
  await expect(input).toBeFocused();
  expect(await onBody(page)).toBe(false);
});
