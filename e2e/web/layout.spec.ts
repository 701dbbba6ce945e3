// Issue 14, the layout the user shapes: the tree's width and the bottom panel's height follow the
// separators (pointer and keyboard), the terminal refits and the remote hears the new size, the
// tree and the panel collapse, and all of it survives a reload (settings.json, written by main).
// The bottom panel starts collapsed while it has nothing to show and opens for a new forward.
import type { Locator, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../fixtures/web-host.js';
import { expand, openDemo, remoteSizeOfTerminal, revealWebApp, SHELL_TIMEOUT_MS, terminalSize, treeRow, typeLine, waitForShell, waitForTerminalText } from './porthole-ui.js';
import { quickPoll } from './poll.js';
import { expectTerminalsFitted } from './terminal-fit.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

async function box(el: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await el.boundingBox();
  if (b === null) throw new Error('element has no box (not visible)');
  return b;
}

/** Drags an element's centre by dx, dy in a few pointer moves, as a hand would. */
async function drag(page: Page, el: Locator, dx: number, dy: number): Promise<void> {
  const b = await box(el);
  const x = b.x + b.width / 2;
  const y = b.y + b.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

/** The layout main saved in settings.json (null before the first save). */
async function savedLayout(dataDir: string): Promise<Record<string, unknown> | null> {
  try {
    return (JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as { layout?: Record<string, unknown> }).layout ?? null;
  } catch {
    return null;
  }
}

test('separators resize the tree and the bottom panel, the shell hears the new size, and the sizes survive a reload', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  await openDemo(page, webHost.url);
  const tree = page.locator('#targets-pane');
  const panel = page.getByTestId('bottom-panel');
  const host = page.getByTestId('terminal-host');

  // First screen: no forwards, so the panel is only its tab row and the terminal gets the height.
  await expect(panel).toHaveClass(/collapsed/);
  await expect(page.getByTestId('panel-separator')).toHaveCount(0);
  expect((await box(panel)).height).toBeLessThan(40);
  expect((await box(host)).height).toBeGreaterThan(500);
  expect((await box(tree)).width).toBeCloseTo(300, 0);

  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  const before = await remoteSizeOfTerminal(page);

  const treeSep = page.getByTestId('tree-separator');
  await drag(page, treeSep, 120, 0);
  await expect.poll(async () => Math.round((await box(tree)).width), quickPoll()).toBe(420);
  await expect(treeSep).toHaveAttribute('aria-valuenow', '420');
  // The terminal refit to the narrower area, and the remote shell was told.
  await expect.poll(async () => (await terminalSize(page))?.cols ?? before.cols, quickPoll()).toBeLessThan(before.cols);
  expect((await remoteSizeOfTerminal(page)).cols).toBeLessThan(before.cols);

  await page.getByRole('tab', { name: 'Forwards' }).click();
  await expect(panel).not.toHaveClass(/collapsed/);
  const panelSep = page.getByTestId('panel-separator');
  const opened = Math.round((await box(panel)).height);
  await drag(page, panelSep, 0, -100);
  await expect.poll(async () => Math.round((await box(panel)).height), quickPoll()).toBe(opened + 100);
  await expect(panelSep).toHaveAttribute('aria-valuenow', String(opened + 100));

  await expect.poll(() => savedLayout(webHost.dataDir), quickPoll()).toMatchObject({ treeWidth: 420, panelHeight: opened + 100, panelOpen: true });
  await page.reload();
  await expect.poll(async () => Math.round((await box(tree)).width), quickPoll(SHELL_TIMEOUT_MS)).toBe(420);
  // Still nothing to show: collapsed at start, at the saved height once opened.
  await expect(panel).toHaveClass(/collapsed/);
  await page.getByRole('tab', { name: 'Forwards' }).click();
  await expect.poll(async () => Math.round((await box(panel)).height), quickPoll()).toBe(opened + 100);

  // Double-click resets the tree's width.
  await treeSep.dblclick();
  await expect.poll(async () => Math.round((await box(tree)).width), quickPoll()).toBe(300);

  // The saved sizes hold from the first frame, before settings arrive: with the link to the host
  // held silent (no settings ever come), a reload still opens at the width last left.
  await drag(page, treeSep, 80, 0);
  await expect.poll(() => savedLayout(webHost.dataDir), quickPoll()).toMatchObject({ treeWidth: 380 });
  await page.routeWebSocket(() => true, () => undefined);
  await page.reload();
  await expect.poll(async () => Math.round((await box(tree)).width), quickPoll()).toBe(380);
});

test('separators take the keyboard; the tree and the panel collapse by key and stay so after a reload', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  const tree = page.locator('#targets-pane');
  const treeSep = page.getByTestId('tree-separator');
  await expect(treeSep).toHaveAttribute('aria-valuemin', '180');
  await expect(treeSep).toHaveAttribute('aria-valuemax', String(1440 - 360));

  await treeSep.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(treeSep).toHaveAttribute('aria-valuenow', '320');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(treeSep).toHaveAttribute('aria-valuenow', '370');
  await expect.poll(async () => Math.round((await box(tree)).width), quickPoll()).toBe(370);
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => Math.round((await box(tree)).width), quickPoll()).toBe(310);
  await page.keyboard.press('Home');
  await expect.poll(async () => Math.round((await box(tree)).width), quickPoll()).toBe(180);
  await expect(treeSep).toBeFocused();
  // The bound follows the window: a narrower window leaves the terminal its 360 px.
  await page.setViewportSize({ width: 1200, height: 900 });
  await expect(treeSep).toHaveAttribute('aria-valuemax', String(1200 - 360));
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(treeSep).toHaveAttribute('aria-valuemax', String(1440 - 360));

  // Ctrl+Shift+` opens a collapsed panel and puts the keyboard on its tab.
  const panel = page.getByTestId('bottom-panel');
  await expect(panel).toHaveClass(/collapsed/);
  await page.keyboard.press('Control+Shift+Backquote');
  await expect(panel).not.toHaveClass(/collapsed/);
  await expect(page.getByRole('tab', { name: 'Forwards' })).toBeFocused();
  const panelSep = page.getByTestId('panel-separator');
  const height = Math.round((await box(panel)).height);
  await panelSep.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Shift+ArrowUp');
  await expect.poll(async () => Math.round((await box(panel)).height), quickPoll()).toBe(height + 60);
  // Enter on the panel's separator collapses the panel.
  await page.keyboard.press('Enter');
  await expect(panel).toHaveClass(/collapsed/);
  // The keyboard lands on the panel's own Show button, and Enter there opens it again.
  await expect(page.getByRole('button', { name: 'Show panel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).not.toHaveClass(/collapsed/);
  await page.keyboard.press('Enter');
  await expect(panel).toHaveClass(/collapsed/);

  // The tree collapses to a rail (the web keymap's Alt+Shift+B) and the terminal area takes the width.
  await page.keyboard.press('Alt+Shift+B');
  await expect(tree).toBeHidden();
  const rail = page.getByRole('button', { name: 'Show targets' });
  await expect(rail).toBeVisible();
  expect((await box(page.getByTestId('terminal-host'))).width).toBeGreaterThan(1440 - 40);

  await expect.poll(() => savedLayout(webHost.dataDir), quickPoll()).toMatchObject({ treeWidth: 180, treeCollapsed: true, panelOpen: false });
  await page.reload();
  await expect(rail).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  await expect(tree).toBeHidden();
  await rail.click();
  await expect(tree).toBeVisible();
  await expect.poll(async () => Math.round((await box(tree)).width), quickPoll()).toBe(180);
});

test('the bottom panel opens by itself when a forward is created', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  await openDemo(page, webHost.url);
  const panel = page.getByTestId('bottom-panel');
  await expect(panel).toHaveClass(/collapsed/);
  await (await revealWebApp(page)).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Start port forward…' }).click();
  const form = page.getByRole('dialog', { name: 'New port forward' });
  await form.getByLabel('Remote port').fill('8080');
  await form.getByRole('button', { name: 'Start forward' }).click();
  await expect(panel).not.toHaveClass(/collapsed/);
  await expect(page.locator('.forward[data-state="listening"]')).toHaveCount(1, { timeout: SHELL_TIMEOUT_MS });
  // With a forward to show, a reload opens the panel at once.
  await page.reload();
  await expect(page.locator('.forward')).toHaveCount(1, { timeout: SHELL_TIMEOUT_MS });
  await expect(panel).not.toHaveClass(/collapsed/);
});

test('a region added to the sandbox profile shows its clusters and takes a shell; removed, it stays gone after a reload', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  const eu = treeRow(page, 'region', 'eu-west-1');
  await expect(eu).toHaveCount(0);

  await treeRow(page, 'profile', 'porthole-sandbox').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Add region…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a region to porthole-sandbox' });
  const code = dialog.getByLabel('Region code');
  await expect(code).toBeFocused();
  // A code that is not one is refused in words, and nothing is saved.
  await code.fill('eu-west');
  await dialog.getByRole('button', { name: 'Add region', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('“eu-west” is not an AWS region code like eu-west-1.');
  await code.fill('us-east-1');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('us-east-1 is already shown under porthole-sandbox.');
  await code.fill('eu-west-1');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  await expand(eu);
  await expect(treeRow(page, 'cluster', 'eu-web')).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  const bastion = treeRow(page, 'instance', /^eu-bastion/);
  await expect(bastion).toBeVisible();
  await bastion.dblclick();
  await waitForShell(page);
  await typeLine(page, 'echo eu-shell-$((3+4))');
  await waitForTerminalText(page, /^eu-shell-7$/m);

  const saved = async () => JSON.parse(await readFile(join(webHost.dataDir, 'settings.json'), 'utf8')) as { regions: unknown; openedRegions: unknown };
  await expect.poll(saved, quickPoll()).toMatchObject({ regions: { 'porthole-sandbox': { added: ['eu-west-1'], removed: [] } }, openedRegions: { 'porthole-sandbox': ['eu-west-1'] } });
  await page.reload();
  await expect(eu).toBeVisible({ timeout: SHELL_TIMEOUT_MS });

  await eu.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Remove region' }).click();
  await expect(eu).toHaveCount(0);
  await expect(treeRow(page, 'cluster', 'demo-web')).toBeVisible();
  await page.reload();
  await expect(treeRow(page, 'cluster', 'demo-web')).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  await expect(eu).toHaveCount(0);
});

test('the split between two terminals follows its separator, by pointer and keyboard, and is kept; both refit when the window resizes', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  await (await revealWebApp(page, '0002')).dblclick();
  await waitForShell(page);
  await page.locator('.tab').nth(0).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Show beside the active tab' }).click();
  const panes = page.locator('.session-pane:not([hidden])');
  await expect(panes).toHaveCount(2);
  const host = await box(page.getByTestId('terminal-host'));
  const leftShare = async (): Promise<number> => Math.round(((await box(panes.nth(0))).width / host.width) * 100);
  expect(await leftShare()).toBe(50);
  // Both terminals refit to their panes when the window shrinks to 1024×640 and grows back.
  await expectTerminalsFitted(page);
  await page.setViewportSize({ width: 1024, height: 640 });
  await expectTerminalsFitted(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await expectTerminalsFitted(page);
  await expect.poll(leftShare, quickPoll()).toBe(50);

  const sep = page.getByTestId('split-separator');
  await drag(page, sep, Math.round(host.width * 0.2), 0);
  await expect.poll(leftShare, quickPoll()).toBe(70);
  await expect(sep).toHaveAttribute('aria-valuenow', '70');
  await sep.focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(leftShare, quickPoll()).toBe(58);
  // Bounded: a fifth of the width at least.
  await page.keyboard.press('End');
  await expect(sep).toHaveAttribute('aria-valuenow', '80');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(() => savedLayout(webHost.dataDir), quickPoll()).toMatchObject({ splitRatio: 0.7 });
  await page.reload();
  // The shells come back side by side (the page remembers the pair), at the saved split.
  await expect(page.locator('.tab')).toHaveCount(2, { timeout: SHELL_TIMEOUT_MS });
  await expect(panes).toHaveCount(2, { timeout: SHELL_TIMEOUT_MS });
  await expect.poll(leftShare, quickPoll()).toBe(70);
});
