// A task started without execute command fails two checks ("Execute command enabled" and "Exec
// agent") whose fix is the same: the diagnosis says it once, and the other check points there.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { expand, openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 120_000 });

test('the diagnosis of a task without execute command says the shared fix once', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await expand(treeRow(page, 'cluster', 'demo-workers'));
  const task = treeRow(page, 'task', /0e1f0011/);
  await expand(task);
  const container = page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]').first();
  await container.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Diagnose' }).click();
  const diagnosis = page.getByTestId('diagnostics');
  await expect(diagnosis.getByTestId('diagnosis-summary')).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  // The summary names the first failing check as a check that failed, not as if its title were the problem.
  await expect(diagnosis.getByTestId('diagnosis-summary')).toHaveText('2 checks failed, first: Execute command enabled');
  const enable = diagnosis.locator('[data-check-id="exec-enabled"] .check-next');
  await expect(enable).toContainText('--enable-execute-command');
  // The agent check fails for the same reason: it names the check with the fix instead of repeating it.
  await expect(diagnosis.locator('[data-check-id="exec-agent"] .check-next')).toHaveText('Same fix as under “Execute command enabled”.');
  const fixes = await diagnosis.locator('.check-next').allTextContents();
  expect(fixes.length).toBeGreaterThan(1);
  expect(new Set(fixes).size).toBe(fixes.length);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-diagnosis-fix-once-1440.png') });
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-diagnosis-fix-once-1024.png') });
});

test('Run again keeps the keyboard on itself while the checks run and after they are back', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'lost-contact').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Diagnose' }).click();
  const diagnosis = page.getByTestId('diagnostics');
  await expect(diagnosis.getByTestId('diagnosis-summary')).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  const again = diagnosis.getByRole('button', { name: 'Run again' });
  await again.focus();
  await page.keyboard.press('Enter');
  await expect(diagnosis.getByTestId('diagnosis-summary')).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  // The run is over (the button was aria-disabled meanwhile, not disabled) and the button still has the keyboard.
  await expect(again).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(diagnosis.getByTestId('diagnosis-summary')).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  await expect(again).toBeFocused();
});
