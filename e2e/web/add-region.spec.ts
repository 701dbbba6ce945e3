// Add region… with a code Porthole does not know: a typo (eu-wset-1) would add a region whose
// every lookup fails, so the form asks first and names the region it is closest to; pressing Add
// region again adds it anyway (a region newer than Porthole, GovCloud, China).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openDemo, treeRow } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true, viewport: { width: 1024, height: 640 } });
test.describe.configure({ timeout: 120_000 });

test('a region code Porthole does not know is asked about with the likely one, and added only when pressed again', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'profile', 'porthole-sandbox').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Add region…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a region to porthole-sandbox' });
  const code = dialog.getByLabel('Region code');
  await code.fill('eu-wset-1');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('eu-wset-1 is not a region Porthole knows. Did you mean eu-west-1? Press Add region again to add it anyway (a region newer than Porthole, GovCloud or China).');
  // Nothing added yet; the code is as typed and the keyboard still in it.
  await expect(treeRow(page, 'region', 'eu-wset-1')).toHaveCount(0);
  await expect(code).toHaveValue('eu-wset-1');
  await expect(code).toBeFocused();
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-add-region-unknown-1024.png') });

  // Another unknown code is asked about again (no suggestion when none is close); pressed again, it is added.
  await code.fill('us-gov-west-1');
  await dialog.getByRole('button', { name: 'Add region', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('us-gov-west-1 is not a region Porthole knows. Press Add region again to add it anyway (a region newer than Porthole, GovCloud or China).');
  await expect(treeRow(page, 'region', 'us-gov-west-1')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Add region', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(treeRow(page, 'region', 'us-gov-west-1')).toBeVisible();
  const saved = async () => JSON.parse(await readFile(join(webHost.dataDir, 'settings.json'), 'utf8')) as { regions: unknown };
  await expect.poll(saved, quickPoll()).toMatchObject({ regions: { 'porthole-sandbox': { added: ['us-gov-west-1'] } } });
});
