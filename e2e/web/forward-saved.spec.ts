// A saved forward started again after its first forward was removed runs under a new id: the
// Saved list still knows it is running (Running, not Start), because the forward names the saved
// entry it came from. A row's Save turns into Saved (keeping the keyboard and its size) and the
// panel's live region says it; Edit and Remove name their forward.
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
  // Each action names the forward it acts on.
  await expect(rows.getByRole('button', { name: /^Edit forward “web kept” localhost:\d+ → app:8080$/ })).toHaveCount(1);
  await expect(rows.getByRole('button', { name: /^Remove forward “web kept” localhost:\d+ → app:8080$/ })).toHaveCount(1);
  const save = rows.locator('.forward-save');
  await expect(save).toHaveAccessibleName(/^Save forward “web kept” /);
  const before = await save.boundingBox();
  await save.focus();
  await page.keyboard.press('Enter');
  await expect(saved).toHaveCount(1);
  // Saved: the button says so and keeps the keyboard and its place and size; the panel's live region says it.
  await expect(save).toHaveAccessibleName(/^Saved forward “web kept” localhost:\d+ → app:8080$/);
  await expect(save).toHaveAttribute('aria-disabled', 'true');
  await expect(save).toBeFocused();
  expect(await save.boundingBox()).toEqual(before);
  await expect(page.getByTestId('forwards-announce')).toHaveText(/^Saved forward “web kept” localhost:\d+ → app:8080\. It is listed under Saved/);
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
  // Its row knows it is the saved one.
  await expect(rows.locator('.forward-save')).toHaveAccessibleName(/^Saved forward /);
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
