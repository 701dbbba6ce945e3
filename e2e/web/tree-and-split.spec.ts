// Issue 14, defects 1, 2, 3 and 11: tree names are never squeezed out by ports and badges; the
// filter loads what it searches and never leaves "Loading…"; a session that fails in split view
// shows its own pane; a single click shows the target's details and what Enter will do.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { expand, openDemo, revealWebApp, SHELL_TIMEOUT_MS, treeRow, waitForShell, showBeside } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

/** The container row of `name` under the task whose id ends in `taskSuffix`. */
async function containerIn(page: Page, cluster: string, taskSuffix: string, name: string): Promise<Locator> {
  await expand(treeRow(page, 'cluster', cluster));
  const task = treeRow(page, 'task', new RegExp(taskSuffix));
  await expand(task);
  const row = page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]').filter({ has: page.locator('.tree-label', { hasText: new RegExp(`^${name}$`) }) });
  await expect(row).toBeVisible();
  return row;
}

/** The label shows in full, and every port list or badge is either wholly shown or wholly hidden. */
async function readable(row: Locator): Promise<{ labelCut: boolean; extrasCut: number; shownExtras: string[] }> {
  return row.evaluate((el) => {
    const label = el.querySelector<HTMLElement>('.tree-label');
    const box = el.querySelector('.tree-extras')?.getBoundingClientRect();
    let extrasCut = 0;
    const shownExtras: string[] = [];
    for (const x of el.querySelectorAll<HTMLElement>('.tree-extra')) {
      const r = x.getBoundingClientRect();
      if (box === undefined) continue;
      const inside = r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
      const outside = r.right <= box.left || r.left >= box.right || r.top >= box.bottom || r.bottom <= box.top;
      if (inside) shownExtras.push(x.textContent ?? '');
      else if (!outside) extrasCut++;
    }
    return { labelCut: label === null || label.scrollWidth > label.clientWidth, extrasCut, shownExtras };
  });
}

// One page, resized: the rows lay themselves out again at each size, and a fresh host and page
// for the second size would prove nothing more.
test('tree names keep their room at 1440×900 and 1024×640; ports and badges yield whole', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  const app = await revealWebApp(page);
  const noExecTask = treeRow(page, 'task', /0e1f0011/);
  await expand(treeRow(page, 'cluster', 'demo-workers'));
  await expect(noExecTask.locator('.tree-badge')).toHaveText('exec off');
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1024, height: 640 },
  ]) {
    await page.setViewportSize(size);
    for (const row of [app, noExecTask, treeRow(page, 'task', /0e1f0001/)]) {
      const r = await readable(row);
      expect(r.labelCut, `label of ${await row.locator('.tree-label').textContent()} is cut at ${size.width}×${size.height}`).toBe(false);
      expect(r.extrasCut).toBe(0);
    }
  }
  // What is hidden stays in the tooltip.
  await expect(app).toHaveAttribute('title', /Ports 8080\/tcp, 9000\/tcp/);
});

test('the filter loads what it searches, says how far it got, and leaves nothing loading', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  // Nothing under the clusters has been opened: the log routers are not loaded yet.
  await page.getByLabel('Filter targets').fill('log');
  await expect(page.getByTestId('filter-progress')).toHaveText('Searched 3 of 3 clusters', { timeout: SHELL_TIMEOUT_MS });
  const routers = page.locator('.tree-row[data-node-kind="container"].is-match').filter({ has: page.locator('.tree-label', { hasText: /^log-router$/ }) });
  await expect(routers).toHaveCount(2);
  await expect(page.locator('.tree-note', { hasText: 'Loading' })).toHaveCount(0);

  // A match whose parents were never opened in the tree: they open, loaded.
  await page.getByLabel('Filter targets').fill('hardened');
  await expect(page.locator('.tree-row.is-match')).toHaveCount(1, { timeout: SHELL_TIMEOUT_MS });
  await expect(treeRow(page, 'cluster', 'demo-workers')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('.tree-note', { hasText: 'Loading' })).toHaveCount(0);
  // A cluster that matches by name shows closed, not loading for ever.
  await page.getByLabel('Filter targets').fill('demo-secure');
  await expect(treeRow(page, 'cluster', 'demo-secure')).toHaveClass(/is-match/);
  await expect(page.locator('.tree-note', { hasText: 'Loading' })).toHaveCount(0);
});

test('a single click shows the target; Enter opens a shell, or diagnoses a target known not to take one', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const app = await revealWebApp(page);
  await app.click();
  const details = page.getByTestId('target-details');
  await expect(details).toContainText('exec ready');
  await expect(details).toContainText('8080/tcp, 9000/tcp');
  await expect(details).toContainText('web:3');
  await expect(details.getByRole('button', { name: 'Open shell' })).toBeVisible();
  await expect(page.getByTestId('status-hint')).toHaveText('Enter or double-click to open a shell');
  await expect(page.locator('.tab')).toHaveCount(0);

  const down = await containerIn(page, 'demo-workers', '0e1f0012', 'worker');
  await down.click();
  await expect(details).toContainText('agent down');
  await expect(details.getByRole('button', { name: 'Diagnose' })).toBeVisible();
  await expect(details.getByRole('button', { name: 'Open shell' })).toHaveCount(0);
  await expect(page.getByTestId('status-hint')).toHaveText('Not ready for a shell: Enter or double-click runs Diagnose');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('diagnostics').locator('[data-check-id="exec-agent"]')).toHaveAttribute('data-status', 'fail', { timeout: SHELL_TIMEOUT_MS });
  await expect(page.locator('.tab')).toHaveCount(0);

  await app.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.tab')).toHaveCount(1);
  await waitForShell(page);
});

test('a shell that fails in split view shows its own banner and screen in its own pane', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  const beside = await page.evaluate(() => window.__portholeTest.activeSessionId());
  await (await revealWebApp(page, '0002')).dblclick();
  await expect(page.locator('.tab')).toHaveCount(2);
  await waitForShell(page);
  await showBeside(page, page.locator('.tab').nth(0));

  // The reporter's task role cannot open channels: its badge says ready, the session fails.
  await (await containerIn(page, 'demo-workers', '0e1f0017', 'reporter')).dblclick();
  await expect(page.locator('.tab')).toHaveCount(3);
  const failed = page.locator('.session-pane:not([hidden])[data-state="closed"]');
  await expect(failed).toHaveCount(1, { timeout: SHELL_TIMEOUT_MS });
  await expect(failed.getByTestId('session-closed')).toContainText('Closed');
  await expect(failed.getByTestId('no-terminal')).toHaveText('No terminal: this session did not start.');
  await expect(failed.locator('.terminal-slot')).toHaveCount(0);
  // The new tab took the active half; the other half is still the session shown beside it, live,
  // with no banner of the failed one over it.
  const other = page.locator('.session-pane:not([hidden])').filter({ hasNot: page.locator('[data-testid="no-terminal"]') });
  await expect(other).toHaveCount(1);
  await expect(other.locator('.terminal-slot')).toHaveAttribute('data-session-id', beside ?? '');
  await expect(other.getByTestId('session-closed')).toHaveCount(0);
  // Two halves side by side, each about half the area.
  const host = await page.getByTestId('terminal-host').boundingBox();
  for (const pane of [failed, other]) {
    const b = await pane.boundingBox();
    expect(b && host && b.width > host.width * 0.45 && b.width < host.width * 0.55).toBe(true);
  }
});
