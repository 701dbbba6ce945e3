// A saved forward shows once: while it has a row in the table (running or stopped) that row is it,
// its Save turned into a pressed Saved (keeping the keyboard and its size) that forgets it when
// pressed again, and the Saved list below leaves it out; removed from the table, it is listed under
// Saved with Start and Forget, and started again under a new id its row knows it is the saved one.
// The panel's live region says each change; Edit and Remove name their forward.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { startForward } from './forward-ui.js';
import { openDemo, revealWebApp, SHELL_TIMEOUT_MS } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 120_000 });

test('a saved forward shows once: its row while in the table (Saved, pressed again forgets), the Saved list once removed', async ({ page, webHost }) => {
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
  await expect(save).toHaveAttribute('aria-pressed', 'false');
  const before = await save.boundingBox();
  await save.focus();
  await page.keyboard.press('Enter');
  // Saved: the button says so and keeps the keyboard and its place and size; the panel's live region says it.
  await expect(save).toHaveAccessibleName(/^Saved forward “web kept” localhost:\d+ → app:8080$/);
  await expect(save).toHaveAttribute('aria-pressed', 'true');
  await expect(save).toBeFocused();
  expect(await save.boundingBox()).toEqual(before);
  await expect(page.getByTestId('forwards-announce')).toHaveText(/^Saved forward “web kept” localhost:\d+ → app:8080\. It is kept/);
  // Its row is the saved forward: not listed a second time below, running or stopped.
  await expect(saved).toHaveCount(0);
  await rows.getByRole('button', { name: 'Stop' }).click();
  await expect(rows).toHaveAttribute('data-state', 'stopped', { timeout: SHELL_TIMEOUT_MS });
  await expect(saved).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Start forward / })).toHaveCount(1);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forward-saved-1440.png') });
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forward-saved-1024.png') });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Removed from the table (no connection open: no question), it stays saved and is listed, with Start.
  await rows.getByRole('button', { name: 'Remove forward' }).click();
  await expect(rows).toHaveCount(0);
  await expect(saved).toHaveCount(1);
  await saved.getByRole('button', { name: 'Start' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
  expect(await rows.getAttribute('data-forward-id')).not.toBe(firstId);
  // Started again under a new id: its row knows it is the saved one, and the list leaves it out.
  await expect(rows.locator('.forward-save')).toHaveAccessibleName(/^Saved forward /);
  await expect(saved).toHaveCount(0);

  // Saved pressed again forgets it: the row stays, unsaved, and nothing is listed under Saved.
  await rows.locator('.forward-save').click();
  await expect(rows.locator('.forward-save')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('forwards-announce')).toHaveText(/^Forgot forward “web kept” /);
  await rows.getByRole('button', { name: 'Remove forward' }).click();
  await expect(rows).toHaveCount(0);
  await expect(saved).toHaveCount(0);
});
