// The screenshot set a reviewer looks at (issue 14): first screen, expanded tree, split view,
// forwards, diagnostics, the inspector, the palette and quick open, at 1440×900 and 1024×640, into e2e/artifacts/.
// `npm run screenshots` runs it (e2e/screenshots.config.ts), not `npm test`: it makes pictures for
// people. Each shot still checks the few things a person would notice first on it, so a broken
// state is not shot; what those checks prove is asserted in the suite's own specs too (the
// terminal refit after a resize between these two sizes: layout.spec.ts).
import type { Page } from '@playwright/test';
import { connect } from 'node:net';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { expand, openDemo, revealWebApp, SHELL_TIMEOUT_MS, treeRow, typeLine, waitForShell, waitForTerminalText } from '../web/porthole-ui.js';
import { expectTerminalsFitted } from '../web/terminal-fit.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 240_000 });

/** The size the set is worked through at: the smaller one, where room is short. */
const WORK_SIZE = { width: 1024, height: 640 } as const;
/** The sizes every shot of the set is taken at; the last is WORK_SIZE, so a shot leaves the page at it. */
const SET_SIZES = [{ width: 1440, height: 900 }, WORK_SIZE] as const;

/** After a resize: every terminal shown is fitted to its pane again (the fit is debounced), and two frames have been drawn. */
async function settled(page: Page): Promise<void> {
  await expectTerminalsFitted(page);
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

// One page worked through at 1024×640, each state shot at both sizes (the page resized for the
// shot, then back): the same states and checks as a page per size, with one set of shells,
// forwards and regions instead of two. Nothing shot is a menu placed where it opened.
test('screenshot set at 1440×900 and 1024×640', async ({ page, webHost }) => {
  const shot = async (name: string): Promise<void> => {
    for (const size of SET_SIZES) {
      await page.setViewportSize(size);
      await settled(page);
      await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `ui14-${size.width}-${name}.png`) });
    }
  };
  await page.setViewportSize(WORK_SIZE);
  await page.emulateMedia({ colorScheme: 'dark' });
  await openDemo(page, webHost.url);
  // Nothing in the bottom panel yet: it is only its tab row, and the terminal area has the height.
  await expect(page.getByTestId('bottom-panel')).toHaveClass(/collapsed/);
  await shot('first-screen');

  const app = await revealWebApp(page);
  await expand(treeRow(page, 'cluster', 'demo-workers'));
  await app.click();
  await expect(page.getByTestId('target-details')).toContainText('exec ready');
  await shot('expanded-tree');

  await app.dblclick();
  await waitForShell(page);
  await typeLine(page, 'echo left-$((1+1))');
  await waitForTerminalText(page, /^left-2$/m);
  await (await revealWebApp(page, '0002')).dblclick();
  await waitForShell(page);
  await page.locator('.tab').nth(0).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Show beside the active tab' }).click();
  await expect(page.locator('.terminal-slot:not([hidden])')).toHaveCount(2);
  await shot('split');

  await app.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Start port forward…' }).click();
  const form = page.getByRole('dialog', { name: 'New port forward' });
  await form.getByLabel('Remote port').fill('8080');
  await form.getByRole('button', { name: 'Start forward' }).click();
  await expect(page.locator('.forward[data-state="listening"]')).toHaveCount(1, { timeout: SHELL_TIMEOUT_MS });
  // The table with what it has to show: a database through the bastion (stopped), and a port
  // where nothing listens after a client tried it.
  await treeRow(page, 'instance', 'bastion').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Start port forward…' }).click();
  await form.getByLabel('Remote port', { exact: true }).fill('5432');
  await form.getByText('Forward to another host reachable from the target').click();
  await form.getByLabel('Remote host', { exact: true }).fill('orders-primary.db.internal');
  await form.getByLabel('Name', { exact: true }).fill('orders database');
  await form.getByRole('button', { name: 'Start forward' }).click();
  await app.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Start port forward…' }).click();
  await form.getByLabel('Remote port', { exact: true }).fill('9999');
  await expect(form.getByTestId('forward-port-warning')).toBeVisible();
  await shot('forward-dialog');
  await form.getByRole('button', { name: 'Start forward' }).click();
  const rows = page.locator('.forward[data-forward-id]');
  await expect(page.locator('.forward[data-state="listening"]')).toHaveCount(3, { timeout: SHELL_TIMEOUT_MS });
  await rows.nth(1).getByRole('button', { name: 'Stop' }).click();
  await expect(rows.nth(1)).toHaveAttribute('data-state', 'stopped', { timeout: 30_000 });
  const refused = Number(await rows.nth(2).getAttribute('data-local-port'));
  await new Promise<void>((resolve) => {
    const socket = connect(refused, '127.0.0.1', () => socket.write('hello?\n'));
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
  await expect(rows.nth(2).getByTestId('forward-failures')).toHaveText('1 failed', { timeout: SHELL_TIMEOUT_MS });
  await shot('forwards');

  const task = treeRow(page, 'task', /0e1f0012/);
  await expand(task);
  await page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Diagnose' }).click();
  await expect(page.getByTestId('diagnosis-summary')).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  await shot('diagnostics');

  await page.getByRole('tab', { name: 'Inspector' }).click();
  await typeLine(page, 'echo frames-$((2+2))');
  await waitForTerminalText(page, /^frames-4$/m);
  await expect(page.getByTestId('frame-list')).toHaveAttribute('data-following', 'true');
  await shot('inspector');

  await page.keyboard.press('Control+Shift+Slash');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await shot('shortcuts');
  await page.keyboard.press('Escape');

  // The command palette, then quick open on a fuzzy query (recent targets first, where each one is).
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByTestId('palette');
  await expect(palette.getByRole('option', { name: /Show all commands/ })).toBeVisible();
  await shot('palette');
  await palette.getByRole('combobox').fill('wrkr');
  await expect(palette.getByTestId('palette-search')).toContainText('Searched', { timeout: SHELL_TIMEOUT_MS });
  await expect(palette.getByRole('option').filter({ hasText: 'demo-workers' }).first()).toBeVisible();
  await shot('quick-open');
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();

  await treeRow(page, 'profile', 'porthole-sandbox').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Add region…' }).click();
  const regionDialog = page.getByRole('dialog', { name: 'Add a region to porthole-sandbox' });
  await regionDialog.getByLabel('Region code').fill('eu-west-1');
  await shot('add-region');
  await page.keyboard.press('Enter');
  await expand(treeRow(page, 'region', 'eu-west-1'));
  await expect(treeRow(page, 'cluster', 'eu-web')).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  await shot('two-regions');

  // The layout shaped by hand: a wider tree, a taller panel; then the tree collapsed to its rail.
  const sep = page.getByTestId('tree-separator');
  await sep.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await page.getByTestId('panel-separator').focus();
  await page.keyboard.press('Shift+ArrowUp');
  await shot('layout-shaped');
  await page.keyboard.press('Alt+Shift+B');
  await expect(page.getByRole('button', { name: 'Show targets' })).toBeVisible();
  await shot('tree-collapsed');
});

// The terminal area (issue 14, defect 8 and the find bar): ten tabs overflowing with the list of
// all tabs open, the find bar counting matches, and the terminal's right-click menu. The shells and
// tabs are set up once; each size then opens the list, the find bar, the menu and the settings
// afresh in the resized page (menus are placed where they open), as a fresh page would.
test('terminal area screenshots at 1440×900 and 1024×640', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  await typeLine(page, "printf 'line %s of the deploy log: status=ok\\n' 1 2 3 4 5 6; printf 'line 7: status=FAILED\\n'");
  await waitForTerminalText(page, /^line 7: status=FAILED$/m);
  for (let i = 2; i <= 10; i++) {
    await page.keyboard.press('Alt+Shift+T');
    await expect(page.locator('.tab')).toHaveCount(i);
  }
  await expect(page.locator('.tab[data-state="connected"]')).toHaveCount(10, { timeout: SHELL_TIMEOUT_MS * 2 });

  for (const size of [
    { width: 1440, height: 900 },
    { width: 1024, height: 640 },
  ]) {
    const shot = (name: string) => page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `ui14-${size.width}-${name}.png`) });
    await page.setViewportSize(size);
    await page.locator('.tab').first().click();
    await page.getByRole('button', { name: 'All tabs (10)' }).click();
    await expect(page.getByRole('menu').getByRole('menuitemradio')).toHaveCount(10);
    await shot('tab-overflow');
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+Shift+F');
    const bar = page.getByRole('search', { name: 'Find' });
    await bar.getByRole('textbox').fill('status=');
    // Six ok lines, the failed one, and the command line's two.
    await expect(bar.getByTestId('find-result')).toHaveText(/^\d of 9$/);
    await page.keyboard.press('Alt+C');
    await expect(bar.getByRole('button', { name: /Match case/ })).toHaveAttribute('aria-pressed', 'true');
    await shot('find-bar');
    await page.keyboard.press('Escape');
    await expect(bar).toBeHidden();

    const row = await page.locator('[data-testid="active-terminal"] .xterm-rows > div', { hasText: /^line 7/ }).first().boundingBox();
    if (row === null) throw new Error('the printed line is not shown');
    await page.mouse.dblclick(row.x + 70, row.y + row.height / 2);
    await page.mouse.click(row.x + 90, row.y + row.height / 2, { button: 'right' });
    await expect(page.getByRole('menuitem', { name: 'Copy' })).toBeEnabled();
    await shot('context-menu');
    await page.keyboard.press('Escape');

    // The settings with the terminal font and copy on select.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings.getByLabel('Terminal font')).toBeVisible();
    await shot('settings');
    await settings.getByRole('button', { name: 'Close settings' }).click();
    await expect(settings).toBeHidden();
  }
});
