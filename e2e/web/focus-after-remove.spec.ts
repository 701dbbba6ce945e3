// Removing a forward (✕) or dismissing a transfer takes away the button that had the keyboard.
// The keyboard moves to the same button in the next row, else the previous one, else to the
// panel's own control, instead of falling to the page body where no key of the panel works.
import { expect, test } from '../fixtures/web-host.js';
import { startForward } from './forward-ui.js';
import { openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 180_000 });

test('removing forwards by keyboard keeps the keyboard in the table, then on New forward…', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const appServer = treeRow(page, 'instance', 'app-server');
  await startForward(page, appServer, { remotePort: '22', name: 'first' });
  await startForward(page, appServer, { remotePort: '80', name: 'second' });
  const rows = page.locator('.forward[data-forward-id]');
  await expect(rows).toHaveCount(2);
  await rows.filter({ hasText: 'first' }).getByRole('button', { name: 'Remove forward' }).focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(rows.filter({ hasText: 'second' }).getByRole('button', { name: 'Remove forward' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'New forward…' })).toBeFocused();
  // And the keyboard works there: Enter opens the form.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'New port forward' })).toBeVisible();
});

test('dismissing transfers by keyboard moves to the next Dismiss, then to the panel tab', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'app-server').dblclick();
  await expect(page.locator('.tab[aria-selected="true"]')).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });
  for (const name of ['one.txt', 'two.txt']) {
    await page.locator('.tab[aria-selected="true"]').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Upload…' }).click();
    const dialog = page.getByRole('dialog', { name: /Upload to app-server/ });
    await dialog.getByLabel('File to upload').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(`hello ${name}`) });
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(page.locator('.transfer', { hasText: name })).toHaveAttribute('data-state', 'done', { timeout: SHELL_TIMEOUT_MS });
  }
  const rows = page.locator('.transfer[data-transfer-id]');
  await expect(rows).toHaveCount(2);
  await rows.first().getByRole('button', { name: 'Dismiss' }).focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole('button', { name: 'Dismiss' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Transfers' })).toBeFocused();
});
