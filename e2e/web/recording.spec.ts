// Issue 9 item 3 from the UI: a tab's context menu records its session to an asciicast v2 file
// in the host's data dir; the tab shows a red dot while it records, and stopping finalises it and
// says where the file is.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp, typeLine, waitForShell, waitForTerminalText } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

test('records a tab from its context menu to <dataDir>/recordings as asciicast v2', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  const tab = page.locator('.tab').first();

  await tab.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Record to a .cast file' }).click();
  await expect(tab).toHaveAttribute('data-recording', 'true');
  await expect(tab.locator('.tab-rec')).toBeVisible();
  const recordings = join(webHost.dataDir, 'recordings');
  await expect(tab).toHaveAttribute('title', new RegExp(`Recording to ${recordings}/.+\\.cast`));
  await expect(page.getByTestId('status-recording')).toBeVisible();

  await typeLine(page, 'echo rec-$((6*7))');
  await waitForTerminalText(page, /^rec-42$/m);

  await tab.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Stop recording' }).click();
  await expect(tab).not.toHaveAttribute('data-recording', 'true');
  await expect(tab.locator('.tab-rec')).toHaveCount(0);
  await expect(page.getByTestId('status-recording')).toHaveCount(0);

  const files = await readdir(recordings);
  expect(files).toHaveLength(1);
  // Issue 14 defect 14: stopping says where the file went (the web host shows the path).
  const saved = page.locator('.toast', { hasText: 'Recording saved to' });
  await expect(saved).toHaveText(new RegExp(`Recording saved to ${join(recordings, files[0] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await expect(saved.getByRole('button', { name: 'Copy path' })).toBeVisible();
  // A browser cannot open the file manager: the web host shows the path only (Electron adds Show in folder).
  await expect(saved.getByRole('button', { name: 'Show in folder' })).toHaveCount(0);
  const lines = (await readFile(join(recordings, files[0] ?? ''), 'utf8')).trim().split('\n');
  expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ version: 2 });
  const output = lines
    .slice(1)
    .map((l) => JSON.parse(l) as [number, string, string])
    .filter((e) => e[1] === 'o')
    .map((e) => e[2])
    .join('');
  expect(output).toMatch(/^rec-42\r?$/m);
});
