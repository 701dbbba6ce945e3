// Quick open shows in the tree what the tree had not loaded or was hiding: a recent target from an
// earlier run (its region closed, so its cluster, service and task are not loaded) is revealed by
// loading the way down to it, and a target the tree's filter hides clears the filter. Either way
// its row is selected and in view. Before, the tree kept its old selection: the recent one was
// opened as remembered with nothing selected, the filtered-out one was selected out of sight.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp, SHELL_TIMEOUT_MS, treeRow, waitForShell } from './porthole-ui.js';

test.use({ sandbox: true });

const palette = (page: Page) => page.getByTestId('palette');
const details = (page: Page) => page.getByTestId('target-details');

test('a recent target the tree has not loaded is revealed: the way down to it loads, its row selected and in view', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  // Remembered as a recent target: a shell opened on it.
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  // An earlier run: its region closed, then the page loaded again (nothing under the region is loaded).
  const region = treeRow(page, 'region', 'us-east-1');
  await region.click();
  await expect(region).toHaveAttribute('aria-expanded', 'false');
  await page.reload();
  await expect(region).toHaveAttribute('aria-expanded', 'false', { timeout: SHELL_TIMEOUT_MS });
  await expect(treeRow(page, 'task', /0e1f0001/)).toHaveCount(0);

  await page.locator('body').press('Control+P');
  await page.keyboard.type('app');
  const recent = palette(page).getByRole('option').first();
  await expect(recent).toContainText('0e1f0001');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  const task = treeRow(page, 'task', /0e1f0001/);
  await expect(task).toHaveAttribute('aria-expanded', 'true', { timeout: SHELL_TIMEOUT_MS });
  const app = page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]').filter({ hasText: /^app/ });
  await expect(app).toHaveAttribute('aria-selected', 'true');
  await expect(app).toBeInViewport();
  await expect(region).toHaveAttribute('aria-expanded', 'true');
  await expect(details(page).locator('.target-details-name')).toHaveText('app');
  await waitForShell(page);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-quick-open-unloaded-1440.png') });
  await page.setViewportSize({ width: 1024, height: 640 });
  await expect(app).toBeInViewport();
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-quick-open-unloaded-1024.png') });
});

test('a target the tree filter hides clears the filter and is selected in view', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  const filter = page.getByLabel('Filter targets');
  await filter.fill('bastion');
  const appServer = treeRow(page, 'instance', 'app-server');
  await expect(appServer).toHaveCount(0);
  await expect(treeRow(page, 'instance', 'bastion')).toBeVisible();

  await page.keyboard.press('Control+P');
  await page.keyboard.type('app-server');
  await expect(palette(page).getByRole('option').first()).toContainText('app-server');
  // Ctrl+Enter on an instance opens the forward form; Esc closes it and the tree shows the target.
  await page.keyboard.press('Control+Enter');
  const form = page.getByRole('dialog', { name: 'New port forward' });
  await expect(form).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(filter).toHaveValue('');
  await expect(appServer).toHaveAttribute('aria-selected', 'true');
  await expect(appServer).toBeInViewport();
  await expect(details(page).locator('.target-details-name')).toHaveText('app-server');
});
