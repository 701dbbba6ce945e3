// A transfer row names its target (scp's target:path), so two copies to two instances are told
// apart, and a failure says where by the name the tree shows rather than only an instance id.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

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
  // The failure says where by that name too, not by the instance id.
  for (const name of ['bastion', 'app-server']) {
    const error = rows.filter({ hasText: `${name}:/nonexistent-folder/` }).getByTestId('transfer-error');
    await expect(error).toContainText(` on ${name}:`);
    await expect(error).not.toContainText(/\bm?i-[0-9a-f]{8,}/);
  }
});

test("a container's transfer failure names the container as the tree does, not its task and cluster ids", async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const app = await revealWebApp(page);
  await app.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Download…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Download from / });
  await dialog.getByLabel('Remote path').fill('/no/such/file.txt');
  await dialog.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  const error = page.locator('.transfer').getByTestId('transfer-error');
  await expect(error).toContainText('/no/such/file.txt does not exist on app.', { timeout: SHELL_TIMEOUT_MS });
  await expect(error).not.toContainText('ecs:');
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-transfer-error-1024.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-transfer-error-1440.png') });
});

test('at 1024×640 a short target path is read whole; the progress column takes what is left', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'bastion').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Upload…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Upload to bastion' });
  await dialog.getByLabel('File to upload').setInputFiles({ name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(200_000, 7) });
  await dialog.getByLabel('Remote path').fill('/tmp/big.bin');
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  const row = page.locator('.transfer');
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: SHELL_TIMEOUT_MS });
  const where = row.getByTestId('transfer-where');
  await expect(where).toHaveText('→ bastion:/tmp/big.bin');
  expect(await where.evaluate((el) => el.clientWidth > 0 && el.scrollWidth <= el.clientWidth)).toBe(true);
  // The progress text is whole too, and the action is on the row's first line at the right.
  expect(await row.getByTestId('transfer-progress-text').evaluate((el) => el.clientWidth > 0 && el.scrollWidth <= el.clientWidth)).toBe(true);
  await expect(row.getByRole('button', { name: 'Dismiss' })).toBeInViewport();
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-transfer-row-1024.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-transfer-row-1440.png') });
});
