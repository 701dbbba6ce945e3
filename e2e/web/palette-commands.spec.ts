// The palette lists every command the menus and buttons offer (New port forward…, Rename tab…,
// Upload file…, Diagnose, Settings…), each disabled with its reason when it cannot run, and runs
// what the menu item or button runs: on the tree's selected node after the tree had the keyboard,
// on the active tab's target after the terminal had it (each row says which).
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { activeText, openDemo, treeRow, typeLine, waitForShell, waitForTerminalText } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

const palette = (page: Page) => page.getByTestId('palette');
const escaped = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const option = (page: Page, name: string) => palette(page).getByRole('option').filter({ has: page.locator('.palette-label', { hasText: new RegExp(`^${escaped(name)}$`) }) });
const terminalInput = (page: Page) => page.locator('[data-testid="active-terminal"] textarea.xterm-helper-textarea');
const NO_TARGET = 'Select a container or instance in the tree, or open a tab, first';

async function openCommands(page: Page): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await expect(palette(page)).toBeVisible();
}

/** Types the command's name and runs the first row, which must be that command and runnable. */
async function run(page: Page, name: string): Promise<void> {
  await openCommands(page);
  // The name goes in as one input after the palette's '>' (palette.spec.ts types key by key): a
  // round trip and a palette render per letter of these long names was seconds of each test.
  await page.keyboard.insertText(name);
  const first = palette(page).getByRole('option').first();
  await expect(first.locator('.palette-label')).toHaveText(name);
  await expect(first).not.toHaveAttribute('aria-disabled', /.*/);
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
}

test('with no tab and nothing selected: tab and target commands say why not; Settings and New port forward… run', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  await openCommands(page);
  for (const name of ['Rename tab…', 'Split: show the next tab beside this one', "Reopen or restart this tab's session", 'Record this session to a .cast file', 'Stop recording this session']) {
    await expect(option(page, name)).toHaveAttribute('aria-disabled', 'true');
    await expect(option(page, name).getByTestId('command-unavailable')).toHaveText('No tab is open');
  }
  await expect(option(page, 'Show one terminal (end the split)').getByTestId('command-unavailable')).toHaveText('Only one terminal is shown');
  for (const name of ['Upload file…', 'Download file…', 'Diagnose']) {
    await expect(option(page, name)).toHaveAttribute('aria-disabled', 'true');
    await expect(option(page, name).getByTestId('command-unavailable')).toHaveText(NO_TARGET);
  }
  for (const name of ['Select all in the terminal', 'Clear the terminal (here only; the shell is not told)']) await expect(option(page, name).getByTestId('command-unavailable')).toHaveText('No tab is open');
  for (const name of ['New port forward…', 'Settings', 'Refresh every target']) await expect(option(page, name)).not.toHaveAttribute('aria-disabled', /.*/);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-palette-commands-1440.png') });
  await page.setViewportSize({ width: 1024, height: 640 });
  // The longest reason is read whole at 1024 too.
  const reason = option(page, 'Upload file…').getByTestId('command-unavailable');
  await option(page, 'Upload file…').scrollIntoViewIfNeeded();
  expect(await reason.evaluate((el) => el.clientWidth > 0 && el.scrollWidth <= el.clientWidth)).toBe(true);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-palette-commands-1024.png') });
  await page.keyboard.press('Escape');
  await expect(palette(page)).toBeHidden();

  // Settings opens the status bar's popover.
  await run(page, 'Settings');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(settings.getByLabel('Terminal font')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  // The status bar's Theme and the bottom panel's tabs.
  await run(page, 'Theme: Dark');
  await expect(page.getByTestId('theme-select')).toHaveValue('dark');
  await run(page, 'Show transfers (bottom panel)');
  await expect(page.getByTestId('bottom-panel').getByRole('tab', { name: 'Transfers' })).toHaveAttribute('aria-selected', 'true');

  // New port forward… with no target: the Forwards panel's New forward…, the form with a target to choose.
  await run(page, 'New port forward…');
  const form = page.getByRole('dialog', { name: 'New port forward' });
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Target', { exact: true }).locator('option:checked')).toHaveText('Choose a target…');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toBeHidden();
});

test('on the tree’s selected instance: the row names it, New port forward… presets it, Diagnose diagnoses it', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'bastion').click();
  await openCommands(page);
  for (const name of ['Upload file…', 'Download file…', 'Diagnose', 'New port forward…']) {
    await expect(option(page, name)).not.toHaveAttribute('aria-disabled', /.*/);
    await expect(option(page, name).locator('.palette-where')).toHaveText('on bastion');
  }
  await page.keyboard.press('Escape');

  await run(page, 'New port forward…');
  const form = page.getByRole('dialog', { name: 'New port forward' });
  await expect(form.getByLabel('Target', { exact: true })).toHaveValue(/.+/);
  await expect(form.getByLabel('Target', { exact: true }).locator('option:checked')).toContainText('bastion');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toBeHidden();

  await run(page, 'Diagnose');
  const diagnostics = page.getByTestId('diagnostics');
  await expect(diagnostics.locator('.panel-heading strong')).toHaveText('bastion');
  await expect(diagnostics.getByTestId('diagnosis-summary')).toBeVisible({ timeout: 45_000 });
});

test('with a tab: Rename tab… renames it, Clear the terminal clears it, Upload file… asks for the tab’s target, Diagnose and Record act on it, a tree selection takes over while the tree has the keyboard, Split shows the other tab beside', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await waitForShell(page);
  await openCommands(page);
  await expect(option(page, 'Stop recording this session').getByTestId('command-unavailable')).toHaveText('This session is not being recorded');
  await expect(option(page, "Reopen or restart this tab's session").getByTestId('command-unavailable')).toHaveText("This tab's session is still open");
  await expect(option(page, 'Split: show the next tab beside this one').getByTestId('command-unavailable')).toHaveText('This is the only tab');
  await page.keyboard.press('Escape');

  await run(page, 'Rename tab…');
  const box = page.getByRole('textbox', { name: 'Tab name' });
  await expect(box).toBeFocused();
  await page.keyboard.type('jump host');
  await page.keyboard.press('Enter');
  await expect(box).toBeHidden();
  await expect(page.locator('.tab[aria-selected="true"]')).toContainText('jump host');
  await expect(terminalInput(page)).toBeFocused();

  // Settings from the palette gives the keyboard back to the terminal when it closes.
  await run(page, 'Settings');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByLabel('Terminal font')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
  await expect(terminalInput(page)).toBeFocused();

  // The terminal menu's Clear: the output goes from the screen and scrollback, the keyboard stays in the terminal.
  await typeLine(page, 'echo palette-$((6*7))-marker');
  await waitForTerminalText(page, /palette-42-marker/);
  await run(page, 'Clear the terminal (here only; the shell is not told)');
  await expect.poll(() => activeText(page), quickPoll()).not.toMatch(/palette-42-marker/);
  await expect(terminalInput(page)).toBeFocused();

  await openCommands(page);
  await expect(option(page, 'Upload file…').locator('.palette-where')).toHaveText('on jump host');
  await expect(option(page, 'Upload file…').getByTestId('command-source')).toHaveText('active tab');
  await page.keyboard.press('Escape');
  await run(page, 'Upload file…');
  await expect(page.getByRole('dialog', { name: /Upload to jump host/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: /Upload to jump host/ })).toBeHidden();

  // Diagnose on the tab's target; Record / Stop recording on its session.
  await run(page, 'Diagnose');
  await expect(page.getByTestId('diagnostics').locator('.panel-heading strong')).toHaveText('jump host');

  // A node selected in the tree (the tree has the keyboard): the target commands act on it, not on the tab, and say so.
  await treeRow(page, 'instance', 'app-server').click();
  await openCommands(page);
  await page.keyboard.type('Diagnose');
  await expect(option(page, 'Diagnose').locator('.palette-where')).toHaveText('on app-server');
  await expect(option(page, 'Diagnose').getByTestId('command-source')).toHaveText('tree selection');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-palette-source-tree-1440.png') });
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(page.getByTestId('diagnostics').locator('.panel-heading strong')).toHaveText('app-server');
  // Back in the terminal: the tab's again.
  await terminalInput(page).focus();
  await openCommands(page);
  await page.keyboard.type('Diagnose');
  await expect(option(page, 'Diagnose').locator('.palette-where')).toHaveText('on jump host');
  await expect(option(page, 'Diagnose').getByTestId('command-source')).toHaveText('active tab');
  await page.keyboard.press('Escape');
  await run(page, 'Record this session to a .cast file');
  await expect(page.locator('.tab[aria-selected="true"]')).toHaveAttribute('data-recording', 'true');
  await run(page, 'Stop recording this session');
  await expect(page.locator('.tab[aria-selected="true"]')).not.toHaveAttribute('data-recording', /.*/);
  await expect(page.locator('.toast', { hasText: /^Recording saved to / })).toBeVisible();

  // Split with a second tab: the other one is shown beside; Show one terminal ends it.
  await run(page, 'New tab to the same target');
  await expect(page.locator('.tab')).toHaveCount(2);
  await run(page, 'Split: show the next tab beside this one');
  await expect(page.locator('.tab.beside')).toHaveCount(1);
  await expect(page.locator('.tab.beside')).not.toHaveAttribute('aria-selected', 'true');
  await expect(terminalInput(page)).toBeFocused();
  await run(page, 'Show one terminal (end the split)');
  await expect(page.locator('.tab.beside')).toHaveCount(0);
  await expect(terminalInput(page)).toBeFocused();
});
