// The inspector's heading with a long session name at 1024×640: the name gives way (the select
// ellipsizes), the frame count stays on one line and Pause and Clear stay in the panel. A renamed
// tab used to push Clear out of the panel and wrap "24 frames" onto two lines.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openDemo, treeRow, typeLine, waitForShell, waitForTerminalText } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 1024, height: 640 } });
test.describe.configure({ timeout: 120_000 });

test('a long session name leaves the inspector\'s count and buttons whole and in the panel', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await waitForShell(page);
  await page.locator('.tab[aria-selected="true"]').dblclick();
  await page.getByRole('textbox', { name: 'Tab name' }).fill('a-very-long-name-for-the-production-database-bastion-in-eu-west-1');
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await typeLine(page, 'echo inspected-$((6*7))');
  await waitForTerminalText(page, /^inspected-42$/m);
  const panel = page.locator('.inspector');
  const count = page.getByTestId('frame-count');
  await expect(count).toHaveText(/^\d+ frames$/);
  const box = await panel.boundingBox();
  for (const name of ['Pause', 'Clear']) {
    const b = await panel.getByRole('button', { name, exact: true }).boundingBox();
    expect(b !== null && box !== null && b.x >= box.x && b.x + b.width <= box.x + box.width + 0.5, `${name} inside the panel`).toBe(true);
  }
  // One line: the count's text makes one box, no wrap.
  expect(await count.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  })).toBe(1);
  // The select still shows the name's start.
  await expect(panel.getByRole('combobox')).toHaveValue(/.+/);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-inspector-heading-1024.png') });
  // Clear works from there.
  await panel.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(count).toHaveText(/^\d+ frames?$/);
});
