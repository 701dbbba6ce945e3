// QA, short windows: at 1024×640 the tree keeps its rows. With nothing selected the details under
// the tree take one line, and the sandbox banner one or two (its full text opens on a click);
// a selected target's details take what they need.
import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { startForward } from './forward-ui.js';
import { openDemo, revealWebApp, treeRow, expand } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true, viewport: { width: 1024, height: 640 } });
test.describe.configure({ timeout: 120_000 });

/** Tree rows wholly inside the tree's scrolling area, as a person sees them. */
function wholeRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const body = document.querySelector('.tree-body');
    if (!body) return 0;
    const box = body.getBoundingClientRect();
    return [...document.querySelectorAll('.tree-row')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.height > 0 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
    }).length;
  });
}

test('at 1024×640 the tree shows at least 12 rows; the banner is one or two lines and opens on a click', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await revealWebApp(page);
  await expand(treeRow(page, 'cluster', 'demo-secure'));
  const details = page.getByTestId('target-details');
  await expect(details).toHaveClass(/empty/);
  const banner = page.getByTestId('sandbox-banner');
  await expect(banner.locator('summary')).toHaveText('No AWS credentials found: showing the local sandbox.');
  // One or two lines of small text, not the ~140 px paragraph it was.
  expect((await banner.boundingBox())?.height ?? 0).toBeLessThanOrEqual(48);
  expect((await details.boundingBox())?.height ?? 0).toBeLessThanOrEqual(32);
  expect(await wholeRows(page)).toBeGreaterThanOrEqual(12);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-short-window-1024.png') });

  // The full explanation is one click away.
  await expect(page.getByTestId('sandbox-shells')).toBeHidden();
  await banner.locator('summary').click();
  await expect(page.getByTestId('sandbox-shells')).toBeVisible();
  await banner.locator('summary').click();

  // A selected target's details: all their facts and actions, the tree still has room.
  await treeRow(page, 'container', /^app/).first().click();
  await expect(details).not.toHaveClass(/empty/);
  await expect(details.getByRole('button', { name: 'Open shell' })).toBeVisible();
  expect(await wholeRows(page)).toBeGreaterThanOrEqual(7);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-short-window-1024-selected.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-short-window-1440-selected.png') });
});

test('at 700×500 the Theme select, Settings and the panel collapse button are inside the window', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 700, height: 500 });
  await openDemo(page, webHost.url);
  // A long status line: a target selected with the tree focused shows its hint.
  await treeRow(page, 'instance', 'bastion').click();
  // Near the tree's foot the details grow once the pointer leaves the spot it pressed (a slow
  // double-click's second press must find the row there: tree-slow-double-click.spec).
  await expect(page.getByTestId('target-details-pending')).toContainText('bastion');
  await page.mouse.move(350, 250);
  await expect(page.getByTestId('target-details')).toContainText('i-0a1b2c3d4e5f60001');
  // The grown details do not hide the row they describe.
  await expect.poll(() => page.evaluate(() => {
    const row = document.querySelector('.tree-row[aria-selected="true"]')?.getBoundingClientRect();
    const body = document.querySelector('.tree-body')?.getBoundingClientRect();
    return row !== undefined && body !== undefined && row.top >= body.top - 0.5 && row.bottom <= body.bottom + 0.5;
  }), quickPoll()).toBe(true);
  const inWindow = async (locator: Locator): Promise<boolean> => {
    const box = await locator.boundingBox();
    return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= 700 && box.y + box.height <= 500;
  };
  const theme = page.getByTestId('theme-select');
  const settings = page.getByRole('button', { name: 'Settings' });
  const fold = page.getByRole('button', { name: /^(Hide|Show) panel$/ });
  for (const control of [theme, settings, fold]) expect(await inWindow(control)).toBe(true);
  // And they work: the theme changes, the panel opens.
  await theme.selectOption('dark');
  await expect(theme).toHaveValue('dark');
  await expect(page.getByTestId('target-details')).toContainText('i-0a1b2c3d4e5f60001');
  await page.getByRole('button', { name: 'Show panel' }).click();
  await expect(page.getByRole('button', { name: 'Hide panel' })).toBeVisible();
  expect(await inWindow(page.getByRole('button', { name: 'Hide panel' }))).toBe(true);
  for (const tab of ['Forwards', 'Transfers', 'Diagnostics', 'Inspector']) {
    expect(await inWindow(page.getByRole('tab', { name: tab }))).toBe(true);
    // Each name is whole beside the 300 px tree.
    expect(await page.getByRole('tab', { name: tab }).locator('.panel-tab-label').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-tiny-window-700.png') });
  await expect(page.getByTestId('target-details')).toContainText('i-0a1b2c3d4e5f60001');
});

test('at 700×500 with a forward listed (its count beside Forwards), the panel tab names are still whole', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 700, height: 500 });
  await openDemo(page, webHost.url);
  await startForward(page, treeRow(page, 'instance', 'app-server'), { remotePort: '22' });
  await expect(page.getByRole('tab', { name: /Forwards/ }).locator('.count')).toHaveText('1');
  for (const tab of ['Forwards', 'Transfers', 'Diagnostics', 'Inspector']) {
    const label = page.getByRole('tab', { name: new RegExp(`^${tab}`) }).locator('.panel-tab-label');
    await expect(label).toHaveText(tab);
    expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }
  const fold = await page.getByRole('button', { name: 'Hide panel' }).boundingBox();
  expect(fold !== null && fold.x + fold.width <= 700).toBe(true);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-tiny-window-700-forward.png') });
});
