// Upload…, Download… and Start port forward… on a target known not to take a session (a stopped task's
// container) are disabled with the reason (the readiness sentence), not tried with a copy or forward
// that fails with ECS Exec's "started without execute command" text; Diagnose stays, and tells why.
import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { expand, openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 120_000 });

async function stoppedWorker(page: Page): Promise<Locator> {
  await expand(treeRow(page, 'cluster', 'demo-workers'));
  const task = treeRow(page, 'task', /0e1f0013/);
  await expand(task);
  const container = page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]').first();
  await expect(container).toContainText('stopped');
  return container;
}

test('Upload…, Download… and Start port forward… on a stopped container are disabled with the reason; Diagnose runs, and no transfer or forward starts', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await (await stoppedWorker(page)).click({ button: 'right' });
  for (const action of ['Start port forward…', 'Upload…', 'Download…']) {
    const item = page.getByRole('menuitem', { name: action });
    await expect(item).toBeDisabled();
    await expect(item).toHaveAttribute('title', /The container is STOPPED; only running containers accept ECS Exec sessions/);
  }
  await page.getByRole('menuitem', { name: 'Diagnose' }).click();
  const diagnosis = page.getByTestId('diagnostics');
  await expect(diagnosis).toContainText('Diagnosis of worker · 0e1f0013', { timeout: SHELL_TIMEOUT_MS });
  await expect(diagnosis).toContainText('The task is STOPPED', { timeout: SHELL_TIMEOUT_MS });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-not-ready-forward-1440.png') });
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-not-ready-forward-1024.png') });
  await page.getByRole('tab', { name: /Transfers/ }).click();
  await expect(page.locator('.transfer')).toHaveCount(0);
  await page.getByRole('tab', { name: /Forwards/ }).click();
  await expect(page.getByTestId('forwards')).toContainText('No port forwards yet.');
});
