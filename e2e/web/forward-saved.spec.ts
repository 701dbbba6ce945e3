// A saved forward started again after its first forward was removed runs under a new id: the
// Saved list still knows it is running (Running, not Start), because the forward names the saved
// entry it came from.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { startForward } from './forward-ui.js';
import { openDemo, revealWebApp, SHELL_TIMEOUT_MS } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 120_000 });

test('a saved forward restored under a new id shows as running in the Saved list', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const app = await revealWebApp(page);
  await startForward(page, app, { remotePort: '8080', name: 'web kept' });
  const rows = page.locator('.forward[data-forward-id]');
  await expect(rows).toHaveCount(1);
  const firstId = await rows.getAttribute('data-forward-id');

  const saved = page.locator('.forward.saved');
  await rows.getByRole('button', { name: 'Save' }).click();
  await expect(saved).toHaveCount(1);
  await expect(saved.getByRole('button', { name: 'Running' })).toBeDisabled();

  // Removed from the table (no connection open: no question), it stays saved and can start.
  await rows.getByRole('button', { name: 'Remove forward' }).click();
  await expect(rows).toHaveCount(0);
  await expect(saved.getByRole('button', { name: 'Start' })).toBeEnabled();

  // Started again: a new id, and the saved entry knows it is that forward.
  await saved.getByRole('button', { name: 'Start' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
  expect(await rows.getAttribute('data-forward-id')).not.toBe(firstId);
  const running = saved.getByRole('button', { name: 'Running' });
  await expect(running).toBeDisabled();
  await expect(running).toHaveAttribute('title', `Already running at localhost:${await rows.getAttribute('data-local-port')}`);
  await expect(saved.getByRole('button', { name: 'Start' })).toHaveCount(0);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forward-saved-1440.png') });
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forward-saved-1024.png') });

  // Stopped, the saved entry offers Start again (it starts that same forward).
  await rows.getByRole('button', { name: 'Stop' }).click();
  await expect(rows).toHaveAttribute('data-state', 'stopped', { timeout: SHELL_TIMEOUT_MS });
  await saved.getByRole('button', { name: 'Start' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
  await expect(saved.getByRole('button', { name: 'Running' })).toBeDisabled();
});
