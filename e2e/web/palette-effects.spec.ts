// Commands run from the palette do what they say, checked on the real effect rather than the
// row's availability: Reopen starts a new shell that prints into the tab's xterm, Download file…
// brings back the file's own bytes, Refresh every target asks AWS again, Select all selects the
// terminal's text.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp, sandboxAdminHeaders, sandboxEndpoint, SHELL_TIMEOUT_MS, targetHome, treeRow, runLine, waitForShell, waitForTerminalText } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

const palette = (page: Page) => page.getByTestId('palette');
/** Bytes of every value, so a transfer that mangled any byte would show. */
const PAYLOAD_BYTES = 64 * 1024;

/** Types the command's name in the palette and runs the first row, which must be that command and runnable. */
async function run(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await expect(palette(page)).toBeVisible();
  // The name goes in as one input after the palette's '>' (palette.spec.ts types key by key): a
  // round trip and a palette render per letter of these long names was seconds of each test.
  await page.keyboard.insertText(name);
  const first = palette(page).getByRole('option').first();
  await expect(first.locator('.palette-label')).toHaveText(name);
  await expect(first).not.toHaveAttribute('aria-disabled', /.*/);
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
}

async function activeSelection(page: Page): Promise<string> {
  return page.evaluate(() => window.__portholeTest.activeSelection() ?? '');
}

test('Reopen after the shell exits: a new shell prints into the same tab’s terminal', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await waitForShell(page);
  const tab = page.locator('.tab[aria-selected="true"]');
  await runLine(page, 'exit');
  await expect(tab).toHaveAttribute('data-state', 'closed', { timeout: SHELL_TIMEOUT_MS });
  await run(page, "Reopen or restart this tab's session");
  await expect(tab).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });
  await expect(page.locator('.tab')).toHaveCount(1);
  await runLine(page, 'echo reopened-$((6*7))');
  await waitForTerminalText(page, /^reopened-42$/m);
});

test('Download file… from the palette brings back the file’s real bytes', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  // A sandbox target's home is a folder on this machine: put the file there.
  const home = await targetHome(page);
  const payload = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(PAYLOAD_BYTES)]);
  await writeFile(join(home, 'palette-download.bin'), payload);

  await run(page, 'Download file…');
  const dialog = page.getByRole('dialog', { name: /Download from app/ });
  await dialog.getByLabel('Remote path').fill(join(home, 'palette-download.bin'));
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download', exact: true }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('palette-download.bin');
  const got = await readFile((await saved.path()) ?? '');
  expect(got.equals(payload)).toBe(true);
});

test('Refresh every target asks AWS again: an instance it could not list shows once it can', async ({ page, webHost, request }) => {
  await openDemo(page, webHost.url);
  const bastion = treeRow(page, 'instance', 'bastion');
  await expect(bastion).toBeVisible();
  const faults = async (rules: unknown[]): Promise<void> => {
    const res = await request.post(`${await sandboxEndpoint(page)}/__sandbox/api-faults`, { headers: sandboxAdminHeaders(webHost.output()), data: { rules } });
    expect(res.ok()).toBe(true);
  };
  // Without a refresh the tree keeps what it listed; with one, the refusal shows and bastion goes.
  await faults([{ operation: 'ec2.DescribeInstances', answer: 'access-denied' }]);
  await run(page, 'Refresh every target');
  await expect(bastion).toHaveCount(0, { timeout: SHELL_TIMEOUT_MS });
  await faults([]);
  await expect(bastion).toHaveCount(0);
  await run(page, 'Refresh every target');
  await expect(bastion).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
});

test('Select all in the terminal selects its text, and the keyboard goes back to it', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await waitForShell(page);
  await runLine(page, 'echo select-$((9*9))-me');
  await waitForTerminalText(page, /^select-81-me$/m);
  expect(await activeSelection(page)).toBe('');
  await run(page, 'Select all in the terminal');
  await expect.poll(() => activeSelection(page), quickPoll()).toMatch(/^select-81-me$/m);
  expect(await activeSelection(page)).toContain('echo select-$((9*9))-me');
  await expect(page.locator('[data-testid="active-terminal"] textarea.xterm-helper-textarea')).toBeFocused();
});
