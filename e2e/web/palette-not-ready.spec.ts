// Quick open on a target that cannot take a session (the demo's worker in 0e1f0012, agent down):
// Ctrl+Enter does what Enter does there, a diagnosis, and it is seen: the Diagnostics panel shows
// it and has the keyboard, no forward form opens, and the hint under the list says so beforehand.
// Before, Ctrl+Enter ran Diagnose under its "forward…" label with the keyboard left where it was.
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, SHELL_TIMEOUT_MS } from './porthole-ui.js';

test.use({ sandbox: true });

const palette = (page: Page) => page.getByTestId('palette');

test('Ctrl+Enter on a target that is not ready shows its diagnosis and gives it the keyboard', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await page.keyboard.press('Control+P');
  await expect(palette(page)).toBeVisible();
  // The worker's task is under a cluster the tree has not loaded: quick open loads it as it searches.
  await page.keyboard.insertText('worker 0e1f0012');
  const options = palette(page).getByRole('option');
  const worker = options.filter({ hasText: 'agent down' });
  await expect(worker).toHaveCount(1, { timeout: SHELL_TIMEOUT_MS });
  // Its task ranks above it (both words in the task's name): the arrows move to the container.
  const index = await options.evaluateAll((rows) => rows.findIndex((r) => r.textContent?.includes('agent down')));
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await expect(worker).toHaveAttribute('aria-selected', 'true');
  await expect(palette(page).locator('.palette-hint')).toContainText('diagnose (not ready)');

  await page.keyboard.press('Control+Enter');
  await expect(palette(page)).toBeHidden();
  const tab = page.getByTestId('bottom-panel').getByRole('tab', { name: 'Diagnostics' });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(tab).toBeFocused();
  await expect(page.getByTestId('diagnostics')).toContainText('Diagnosis of worker · 0e1f0012');
  await expect(page.getByTestId('diagnosis-summary')).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  await expect(page.getByRole('dialog', { name: 'New port forward' })).toHaveCount(0);
});
