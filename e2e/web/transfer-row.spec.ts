// A transfer row names its target (scp's target:path), so two copies to two instances are told
// apart, and a failure says where by the name the tree shows rather than only an instance id.
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

test('each transfer row says which target it went to, by name', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  for (const name of ['bastion', 'app-server']) {
    await treeRow(page, 'instance', name).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Upload…' }).click();
    const dialog = page.getByRole('dialog', { name: `Upload to ${name}` });
    await dialog.getByLabel('File to upload').setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await dialog.getByLabel('Remote path').fill('/nonexistent-folder/');
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(dialog).toHaveCount(0);
  }
  const rows = page.locator('.transfer');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ has: page.locator('[data-testid="transfer-error"]') })).toHaveCount(2, { timeout: SHELL_TIMEOUT_MS });
  const paths = await page.getByTestId('transfer-where').allTextContents();
  expect(paths.sort()).toEqual(['→ app-server:/nonexistent-folder/', '→ bastion:/nonexistent-folder/']);
});
