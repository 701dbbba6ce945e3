// The command palette is honest before a command is picked: one that cannot run now is listed
// disabled with its reason (no tab to close, no tab 3), Enter on it does nothing and the palette
// stays; once it can run, the same row runs it.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openDemo, SHELL_TIMEOUT_MS, treeRow, waitForShell } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

const palette = (page: Page) => page.getByTestId('palette');
const option = (page: Page, name: string) => palette(page).getByRole('option').filter({ has: page.locator('.palette-label', { hasText: new RegExp(`^${name}$`) }) });

test('with no tab, tab commands are listed disabled with the reason; Enter on one leaves the palette open and says nothing else', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  await page.keyboard.press('Control+Shift+P');
  await expect(palette(page)).toBeVisible();
  for (const name of ['Close tab', 'Next tab', 'Go to tab 1', 'Find in terminal', 'Focus the terminal', 'New tab to the same target']) {
    await expect(option(page, name)).toHaveAttribute('aria-disabled', 'true');
    await expect(option(page, name).getByTestId('command-unavailable')).toHaveText('No tab is open');
  }
  // Commands that can run are not marked, and come first while nothing is typed.
  await expect(option(page, 'Focus the targets tree')).not.toHaveAttribute('aria-disabled', /.*/);
  await expect(option(page, 'Focus the targets tree')).toContainText('Focus');
  const disabled = await palette(page).getByRole('option').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-disabled') === 'true'));
  expect(disabled.indexOf(true)).toBeGreaterThan(0);
  expect(disabled.slice(disabled.indexOf(true)).every(Boolean)).toBe(true);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-palette-disabled-1440.png') });
  await page.setViewportSize({ width: 1024, height: 640 });
  // The reason is read whole at 1024 too.
  const reason = option(page, 'Close tab').getByTestId('command-unavailable');
  await option(page, 'Close tab').scrollIntoViewIfNeeded();
  expect(await reason.evaluate((el) => el.clientWidth > 0 && el.scrollWidth <= el.clientWidth)).toBe(true);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-palette-disabled-1024.png') });

  await page.keyboard.type('Close tab');
  await expect(palette(page).getByRole('option').first()).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeVisible();
  await expect(palette(page).getByRole('combobox')).toBeFocused();
  await expect(page.locator('.toast')).toHaveCount(0);
  // A click on it does nothing either (force: Playwright will not click what says it is disabled; a person can).
  await palette(page).getByRole('option').first().click({ force: true });
  await expect(palette(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette(page)).toBeHidden();
});

test('with one tab: Close tab runs, next tab and tab 2 say why not', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await waitForShell(page);
  await page.keyboard.press('Control+Shift+P');
  await expect(option(page, 'Next tab').getByTestId('command-unavailable')).toHaveText('This is the only tab');
  await expect(option(page, 'Go to tab 2').getByTestId('command-unavailable')).toHaveText('Only 1 tab is open');
  await expect(option(page, 'Go to tab 1')).not.toHaveAttribute('aria-disabled', /.*/);
  await page.keyboard.type('Close tab');
  await expect(palette(page).getByRole('option').first()).not.toHaveAttribute('aria-disabled', /.*/);
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Close session' }).click();
  await expect(page.locator('.tab')).toHaveCount(0, { timeout: SHELL_TIMEOUT_MS });
});
