// A target opened from quick open is selected in the tree, as a row clicked there would be: its
// ancestors open, it is scrolled into view and the details under the tree describe it. The shell
// opened on it keeps the keyboard. Before, the tree kept its old selection and the details pane
// said "Select a container or instance for its details." after Ctrl+P → "bastion" → Enter.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openDemo, treeRow, waitForShell } from './porthole-ui.js';

test.use({ sandbox: true });

const palette = (page: Page) => page.getByTestId('palette');
const options = (page: Page) => palette(page).getByRole('option');
const terminalInput = (page: Page) => page.locator('[data-testid="active-terminal"] textarea.xterm-helper-textarea');
const details = (page: Page) => page.getByTestId('target-details');

test('opening a target from quick open selects it in the tree and its details show it, the shell keeping the keyboard', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  // Something else selected first: the cluster.
  const cluster = treeRow(page, 'cluster', 'demo-web');
  await cluster.click();
  await expect(cluster).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('Control+P');
  await page.keyboard.type('bastion');
  await expect(options(page).first()).toContainText('bastion');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  const bastion = treeRow(page, 'instance', 'bastion');
  await expect(bastion).toHaveAttribute('aria-selected', 'true');
  await expect(cluster).toHaveAttribute('aria-selected', 'false');
  await expect(details(page).locator('.target-details-name')).toHaveText('bastion');
  await waitForShell(page);
  await expect(terminalInput(page)).toBeFocused();

  // A container in a cluster never opened in the tree: its cluster, service and task open, and it is scrolled into view.
  const workers = treeRow(page, 'cluster', 'demo-workers');
  await expect(workers).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Control+P');
  await page.keyboard.type('wrkr 0010');
  const worker = options(page).filter({ has: page.locator('.icon-container') });
  await expect(worker).toHaveCount(1);
  for (let i = 0; i < 5 && (await worker.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown');
  await expect(worker).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(workers).toHaveAttribute('aria-expanded', 'true');
  const task = treeRow(page, 'task', /0e1f0010/);
  await expect(task).toHaveAttribute('aria-expanded', 'true');
  const row = page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]', { has: page.locator('.tree-label', { hasText: /^worker$/ }) });
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(bastion).toHaveAttribute('aria-selected', 'false');
  await expect(row).toBeInViewport();
  await expect(details(page).locator('.target-details-name')).toHaveText('worker');
  await waitForShell(page);
  await expect(terminalInput(page)).toBeFocused();
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-quick-open-reveal-1440.png') });
  await page.setViewportSize({ width: 1024, height: 640 });
  await expect(row).toBeInViewport();
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-quick-open-reveal-1024.png') });
});
