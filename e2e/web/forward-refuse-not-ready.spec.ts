// Start on a target that cannot take a session (the demo's lost-contact instance) is refused in the
// form: the reason under the Target in the words main refuses it with, the keyboard on the Target to
// choose another, everything typed kept, nothing started, and Diagnose to see why (the form, set
// aside, comes back as typed). Before, the form only warned, and Start listed a forward that could
// never connect.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openForwardForm } from './forward-ui.js';
import { openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });

const REFUSAL = 'Not started: lost-contact cannot take a session now. The SSM agent lost contact with AWS. Run Diagnose on the instance for the cause.';

test('Start on a target that cannot take a session is refused in the form, which keeps its values and offers Diagnose', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  const form = await openForwardForm(page, treeRow(page, 'instance', 'bastion'));
  const select = form.getByLabel('Target', { exact: true });
  await form.getByLabel('Remote port', { exact: true }).fill('8080');
  await form.getByLabel('Local port', { exact: true }).fill('18080');
  await form.getByLabel('Name', { exact: true }).fill('kept as typed');
  const lost = select.locator('option').filter({ hasText: /^lost-contact — / });
  await select.selectOption({ label: (await lost.textContent()) ?? '' });
  await form.getByRole('button', { name: 'Start forward' }).click();

  const refusal = form.getByTestId('forward-target-refusal');
  await expect(refusal).toHaveRole('alert');
  await expect(refusal.locator('p')).toHaveText(REFUSAL);
  await expect(select).toBeFocused();
  await expect(select).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Remote port', { exact: true })).toHaveValue('8080');
  await expect(form.getByLabel('Local port', { exact: true })).toHaveValue('18080');
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('kept as typed');
  await expect(page.locator('.forward[data-forward-id]')).toHaveCount(0);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forward-refused-1440.png') });
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forward-refused-1024.png') });

  // Choosing a ready target takes the refusal away; choosing the refused one again does not bring
  // it back until Start is pressed.
  await select.selectOption({ label: (await select.locator('option').filter({ hasText: /^bastion — / }).textContent()) ?? '' });
  await expect(refusal).toHaveCount(0);
  await select.selectOption({ label: (await lost.textContent()) ?? '' });
  await expect(refusal).toHaveCount(0);
  await form.getByRole('button', { name: 'Start forward' }).click();
  await expect(refusal.locator('p')).toHaveText(REFUSAL);

  // Diagnose: the form gives way to the target's diagnosis, which has the keyboard.
  await refusal.getByRole('button', { name: 'Diagnose lost-contact' }).click();
  await expect(form).toHaveCount(0);
  const tab = page.getByTestId('bottom-panel').getByRole('tab', { name: 'Diagnostics' });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(tab).toBeFocused();
  await expect(page.getByTestId('diagnostics')).toContainText('Diagnosis of lost-contact');
  await expect(page.getByTestId('diagnosis-summary')).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  await expect(page.locator('.forward[data-forward-id]')).toHaveCount(0);

  // After the diagnosis the form comes back with what was typed, on the target it is opened for.
  const again = await openForwardForm(page, treeRow(page, 'instance', 'bastion'));
  await expect(again.getByLabel('Remote port', { exact: true })).toHaveValue('8080');
  await expect(again.getByLabel('Local port', { exact: true })).toHaveValue('18080');
  await expect(again.getByLabel('Name', { exact: true })).toHaveValue('kept as typed');
  await expect(again.getByLabel('Target', { exact: true }).locator('option:checked')).toHaveText(/^bastion — /);
});
