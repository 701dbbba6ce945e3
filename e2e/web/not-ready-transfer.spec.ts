// Upload… or Download… on a target known not to take a session (a stopped task's container)
// shows why (its diagnosis) instead of a copy that fails with ECS Exec's "started without execute
// command" text, which is not the reason here.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { expand, openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

async function stoppedWorker(page: Page): Promise<Locator> {
  await expand(treeRow(page, 'cluster', 'demo-workers'));
  const task = treeRow(page, 'task', /0e1f0013/);
  await expand(task);
  const container = page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]').first();
  await expect(container).toContainText('stopped');
  return container;
}

test('Upload… and Download… on a stopped container show its diagnosis, and no transfer starts', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  for (const action of ['Upload…', 'Download…']) {
    await (await stoppedWorker(page)).click({ button: 'right' });
    await page.getByRole('menuitem', { name: action }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const diagnosis = page.getByTestId('diagnostics');
    await expect(diagnosis).toContainText('Diagnosis of worker · 1f0013', { timeout: SHELL_TIMEOUT_MS });
    await expect(diagnosis).toContainText('The task is STOPPED', { timeout: SHELL_TIMEOUT_MS });
  }
  await page.getByRole('tab', { name: /Transfers/ }).click();
  await expect(page.locator('.transfer')).toHaveCount(0);
});
