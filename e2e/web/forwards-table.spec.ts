// Issue 14, forwards: the dialog starts from the selected tree node with a declared port and
// warns on another; a forward to a port where nothing listens says so in plain words with a
// count once a real client connects; the tree marks forwarded targets; rows keep one height and
// never cut the remote port at 1024 wide, where "via target", the path or problem and the name
// have a line of their own (a long name before the path), and "via target" shows at 1440 too.
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp, SHELL_TIMEOUT_MS, treeRow, waitForShell } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

/** Room left after a forward's name on its line at 1024 wide: about eight characters more. */
const NAME_SPARE_PX = 48;
/** A name longer than what the second line has beside the whole path at 1024 wide. */
const REPLICA_NAME = 'replica database (read-only)';

/**
 * Connects a real TCP client, sends a line and resolves once the forward closes it (a close or a
 * reset: which one depends on whether the refusal arrives before the line is read).
 */
function connectAndWaitForClose(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('hello?\n'));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}

test('the dialog starts from the selected node; nothing listening is told in words with a count; the tree marks the target', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const app = await revealWebApp(page);
  // Selected in the tree, then "New forward…" from the panel (not from the node's menu).
  await app.click();
  await page.getByRole('tab', { name: 'Forwards' }).click();
  // The panel may start folded away: clicking the active tab folds it, Show panel opens it.
  const show = page.getByRole('button', { name: 'Show panel' });
  if (await show.isVisible()) await show.click();
  await page.getByRole('button', { name: 'New forward…' }).click();
  const form = page.getByRole('dialog', { name: 'New port forward' });
  const target = form.getByLabel('Target', { exact: true });
  // Named with its path, not by id; the selected node is the one chosen.
  await expect(target.locator('option:checked')).toHaveText(/^app — demo-web › web › 0e1f0001$/);
  await expect(target.locator('option', { hasText: /^bastion — / })).toHaveCount(1);
  await expect(target).not.toContainText('5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001');
  // The declared port is suggested as a value, the others offered; nothing looks like a value that is not one.
  const remote = form.getByLabel('Remote port', { exact: true });
  await expect(remote).toHaveValue('8080');
  await expect(form.getByTestId('forward-declared-ports')).toHaveText('Declared ports:80809000');
  for (const field of ['Remote port', 'Local port', 'Name']) expect(await form.getByLabel(field, { exact: true }).getAttribute('placeholder')).toBeNull();
  await expect(form.getByTestId('forward-port-warning')).toHaveCount(0);
  // A port the target does not declare: warned, not refused.
  await remote.fill('9999');
  await expect(form.getByTestId('forward-port-warning')).toHaveText('app declares ports 8080 and 9000, not 9999: nothing may be listening on app:9999.');
  await form.getByRole('button', { name: '9000' }).click();
  await expect(remote).toHaveValue('9000');
  await expect(form.getByTestId('forward-port-warning')).toHaveCount(0);
  await remote.fill('9999');
  await form.getByRole('button', { name: 'Start forward' }).click();
  await expect(form).toBeHidden();

  const row = page.locator('.forward[data-forward-id]');
  await expect(row).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
  await expect(row.getByTestId('forward-remote')).toHaveText('app:9999');
  await expect(row.getByTestId('forward-path')).toHaveText('demo-web › web › 0e1f0001');
  await expect(row.getByTestId('forward-failures')).toHaveCount(0);
  await expect(row).toHaveAttribute('data-tone', 'ok');
  expect(await row.locator('td.forward-actions > .panel-cell-line').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  // The tree marks the forwarded container.
  const marker = app.getByTestId('tree-forward-marker');
  await expect(marker).toBeVisible();
  await expect(marker).toHaveAttribute('title', /^1 port forward:\nlocalhost:\d+ → 9999$/);

  // A real client: the agent refuses the destination port; the forward keeps listening.
  const port = Number(await row.getAttribute('data-local-port'));
  await connectAndWaitForClose(port);
  await expect(row.getByTestId('forward-problem')).toContainText('Nothing is listening on app:9999.', { timeout: SHELL_TIMEOUT_MS });
  // On its own line under the destination, read whole (the To column alone is too narrow for it).
  expect(await row.getByTestId('forward-problem').evaluate((el) => el.scrollWidth <= el.clientWidth && el.clientWidth > 0)).toBe(true);
  await expect(row.getByTestId('forward-failures')).toHaveText('1 failed');
  await expect(row).toHaveAttribute('data-state', 'listening');
  await expect(row).toHaveAttribute('data-tone', 'warn');
  await expect(row.locator('.state-pill')).not.toHaveClass(/tone-ok/);
  await expect(row).not.toContainText('check SSM Agent logs');
  await connectAndWaitForClose(port);
  await expect(row.getByTestId('forward-failures')).toHaveText('2 failed', { timeout: SHELL_TIMEOUT_MS });

  // Removing the forward takes the marker away.
  await row.getByRole('button', { name: 'Remove forward' }).click();
  await expect(row).toHaveCount(0);
  await expect(marker).toHaveCount(0);
});

test('at 1024 wide a stopped row is as tall as a running one, no remote port is cut and a problem is read whole', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  await openDemo(page, webHost.url);
  // Two forwards to a long destination: a remote host through the bastion; one with a long name.
  for (const [name, label] of [['primary', 'primary database'], ['replica', REPLICA_NAME]] as const) {
    await treeRow(page, 'instance', 'bastion').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Start port forward…' }).click();
    const form = page.getByRole('dialog', { name: 'New port forward' });
    await expect(form.getByLabel('Target', { exact: true }).locator('option:checked')).toHaveText(/^bastion — /);
    // An instance declares no ports: no suggestion, no warning.
    await expect(form.getByLabel('Remote port', { exact: true })).toHaveValue('');
    await form.getByLabel('Remote port', { exact: true }).fill('5432');
    await expect(form.getByTestId('forward-port-warning')).toHaveCount(0);
    await form.getByText('Forward to another host reachable from the target').click();
    await form.getByLabel('Remote host', { exact: true }).fill(`${name}.db.internal`);
    await form.getByLabel('Name', { exact: true }).fill(label);
    await form.getByRole('button', { name: 'Start forward' }).click();
    await expect(form).toBeHidden();
  }
  // And one to a port where nothing listens, tried by a real client: its problem in words.
  await (await revealWebApp(page)).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Start port forward…' }).click();
  const form = page.getByRole('dialog', { name: 'New port forward' });
  await form.getByLabel('Remote port', { exact: true }).fill('9999');
  await form.getByRole('button', { name: 'Start forward' }).click();
  await expect(form).toBeHidden();
  const rows = page.locator('.forward[data-forward-id]');
  await expect(rows).toHaveCount(3);
  for (const i of [0, 1, 2]) await expect(rows.nth(i)).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
  await connectAndWaitForClose(Number(await rows.nth(2).getAttribute('data-local-port')));
  const problem = rows.nth(2).getByTestId('forward-problem');
  await expect(problem).toContainText('Nothing is listening on app:9999.', { timeout: SHELL_TIMEOUT_MS });
  await expect(rows.nth(2).getByTestId('forward-failures')).toHaveText('1 failed');
  await expect(rows.nth(2).getByTestId('forward-failures')).toBeVisible();
  // Narrow: Sent, Received and Conns are gone, and the problem is read whole (not cut by the To column).
  await expect(page.getByRole('columnheader', { name: 'Sent' })).toHaveCount(0);
  const whole = await problem.evaluate((el) => {
    const cell = el.closest('td')!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return { scroll: el.scrollWidth, client: el.clientWidth, right: r.right, cellRight: cell.right, width: r.width };
  });
  expect(whole.width).toBeGreaterThan(0);
  expect(whole.scroll).toBeLessThanOrEqual(whole.client);
  expect(whole.right).toBeLessThanOrEqual(whole.cellRight);
  // The path of the other rows is on their second line too, whole, and so is its name, with room
  // to spare (it had 7 px when the line started under To).
  await expect(rows.nth(0).locator('.forward-name')).toHaveText('primary database');
  expect(await rows.nth(0).locator('.forward-name').evaluate((el) => el.scrollWidth <= el.clientWidth && el.clientWidth > 0)).toBe(true);
  expect(await rows.nth(0).getByTestId('forward-path').evaluate((el) => el.scrollWidth <= el.clientWidth && el.clientWidth > 0)).toBe(true);
  const spare = await rows.nth(0).locator('.forward-name').evaluate((el) => (el.nextElementSibling?.getBoundingClientRect().left ?? 0) - el.getBoundingClientRect().right);
  expect(spare).toBeGreaterThanOrEqual(NAME_SPARE_PX);
  // A name too long for the line is whole all the same: the path gives way before it (the cell's tooltip keeps the path).
  await expect(rows.nth(1).locator('.forward-name')).toHaveText(REPLICA_NAME);
  expect(await rows.nth(1).locator('.forward-name').evaluate((el) => el.scrollWidth <= el.clientWidth && el.clientWidth > 0)).toBe(true);
  await expect(rows.nth(1).locator('td.forward-destination')).toHaveAttribute('title', /porthole-sandbox › us-east-1/);
  expect(await rows.nth(1).getByTestId('forward-path').evaluate((el) => el.scrollWidth > el.clientWidth && el.clientWidth > 0)).toBe(true);
  // The host has the To column to itself; which target it goes through is the second line's first words.
  await expect(rows.nth(0).getByTestId('forward-remote')).toHaveText('primary.db.internal:5432');
  await expect(rows.nth(0).getByTestId('forward-remote')).toHaveAttribute('aria-label', 'primary.db.internal:5432 via bastion');
  await expectViaShown(rows, 1024);
  await expect(rows.nth(0).locator('td.forward-destination')).toHaveAttribute('title', /primary database\nprimary\.db\.internal:5432 via bastion\nporthole-sandbox › us-east-1/);

  await rows.nth(1).getByRole('button', { name: 'Stop' }).click();
  await expect(rows.nth(1)).toHaveAttribute('data-state', 'stopped', { timeout: 30_000 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui14-1024-forwards-stopped-row.png') });
  const heights = await rows.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
  expect(heights[0]).toBeGreaterThan(0);
  // Stopped, listening, and listening with a problem: one height.
  expect(heights).toEqual([heights[0], heights[0], heights[0]]);

  // The remote port is shown whole in every row: not clipped by itself or its cell (the host may ellipsize).
  for (const i of [0, 1, 2]) {
    const fit = await rows
      .nth(i)
      .getByTestId('forward-remote-port')
      .evaluate((el) => {
        const cell = el.closest('td')!.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return { scroll: el.scrollWidth, client: el.clientWidth, right: r.right, cellRight: cell.right };
      });
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    expect(fit.right).toBeLessThanOrEqual(fit.cellRight);
  }
  // Every action is there whole (none pushed out of its cell).
  const actions = await rows.locator('td.forward-actions > .panel-cell-line').evaluateAll((els) => els.map((el) => el.scrollWidth <= el.clientWidth));
  expect(actions).toEqual([true, true, true]);
  // Nothing in a row wraps: every cell's content is one line.
  const lines = await rows.locator('td').evaluateAll((tds) => tds.map((td) => td.scrollHeight <= td.clientHeight + 1));
  expect(lines.every(Boolean)).toBe(true);

  // 1440 wide (the wide table, every column): "via bastion" is in the row there too.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expectViaShown(rows, 1440);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui14-1440-forwards-via.png') });
});

/** Rows 0 and 1 (to a host through the bastion) say so, whole and in view, and their hosts are whole. */
async function expectViaShown(rows: Locator, width: number): Promise<void> {
  for (const i of [0, 1]) {
    const via = rows.nth(i).getByTestId('forward-via');
    await expect(via, `via at ${width}`).toHaveText('via bastion');
    await expect(via, `via at ${width}`).toBeVisible();
    const fit = await via.evaluate((el) => {
      const cell = el.closest('td')!.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return el.scrollWidth <= el.clientWidth && r.width > 0 && r.right <= cell.right && r.bottom <= cell.bottom;
    });
    expect(fit, `via whole at ${width}`).toBe(true);
    for (const part of await rows.nth(i).locator('.forward-remote-head, .forward-remote-rest').all()) expect(await part.evaluate((el) => el.scrollWidth <= el.clientWidth), `host whole at ${width}`).toBe(true);
  }
}

test('New forward… starts on what the palette would: nothing with the tree last used on a cluster, the tab\'s target once the terminal has the keyboard', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await (await revealWebApp(page, '0002')).dblclick();
  await waitForShell(page);
  // The tree last had the keyboard, on a cluster (not a target): no target, as the palette says; not the tab behind it.
  await treeRow(page, 'cluster', 'demo-secure').click();
  await expect(treeRow(page, 'cluster', 'demo-secure')).toHaveAttribute('aria-selected', 'true');
  const show = page.getByRole('button', { name: 'Show panel' });
  if (await show.isVisible()) await show.click();
  const newForward = page.getByRole('button', { name: 'New forward…' });
  await newForward.click();
  const form = page.getByRole('dialog', { name: 'New port forward' });
  const target = form.getByLabel('Target', { exact: true });
  await expect(target).toHaveValue('');
  await expect(target.locator('option:checked')).toHaveText('Choose a target…');
  await expect(target).toBeFocused();
  await form.getByLabel('Remote port', { exact: true }).fill('8080');
  await form.getByRole('button', { name: 'Start forward' }).click();
  await expect(form.getByRole('alert')).toContainText('Choose a target');
  await form.getByRole('button', { name: 'Cancel' }).click();
  // Back in the terminal: the active tab's target.
  await page.locator('[data-testid="active-terminal"] textarea.xterm-helper-textarea').focus();
  await newForward.click();
  await expect(target.locator('option:checked')).toHaveText(/^app — demo-web › web › 0e1f0002$/);
  await expect(form.getByLabel('Remote port', { exact: true })).toHaveValue('8080');
});
