// A double-click slower than the details' grow delay (500 ms; Windows lets people set up to 900 ms,
// GNOME and macOS longer) on a target near the tree's foot: the details must not grow between the
// clicks (covering the row, or scrolling another row under the pointer), so the second click lands
// on the row the first one picked and opens it. Once the pointer moves off, they grow.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { expand, openDemo, revealWebApp, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

/** The person's pause between the two presses: past GROW_DELAY.MS (500), within the slowest double-click settings. */
const SLOW_GAP_MS = 800;

/** The last target row wholly inside the tree's view that takes a shell: its label and centre. */
async function lastVisibleTarget(page: Page): Promise<{ label: string; x: number; y: number; bodyBottom: number }> {
  return page.evaluate(() => {
    const body = document.querySelector('.tree-body')?.getBoundingClientRect();
    if (body === undefined) throw new Error('no tree body');
    const rows = [...document.querySelectorAll<HTMLElement>('.tree-row[data-node-kind="instance"], .tree-row[data-node-kind="container"]')]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height > 0 && r.top >= body.top && r.bottom <= body.bottom)
      // One that takes a shell (a double-click on one that cannot runs Diagnose instead).
      .filter(({ el }) => ['online', 'exec ready'].includes(el.querySelector('.tree-badge')?.textContent ?? ''));
    const last = rows.at(-1);
    if (last === undefined) throw new Error('no target row in view');
    return { label: last.el.querySelector('.tree-label')?.textContent ?? '', x: last.r.left + last.r.width / 2, y: last.r.top + last.r.height / 2, bodyBottom: body.bottom };
  });
}

for (const size of [{ width: 1024, height: 640 }, { width: 1440, height: 900 }]) {
  test(`at ${size.width}×${size.height} a slow double-click on the target at the tree's foot opens that target`, async ({ page, webHost }) => {
    await page.setViewportSize(size);
    await openDemo(page, webHost.url);
    await revealWebApp(page);
    await expand(treeRow(page, 'cluster', 'demo-workers'));
    // Everything listed before measuring: a branch still loading grows later and moves the rows.
    await expect(treeRow(page, 'task', /^0e1f0013/)).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
    await expect(page.locator('.tree-body .spinner')).toHaveCount(0, { timeout: SHELL_TIMEOUT_MS });
    // The foot of the tree: scrolled to the end, the last target in view.
    await page.locator('.tree-body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const details = page.getByTestId('target-details');
    const emptyHeight = (await details.boundingBox())?.height ?? 0;
    const target = await lastVisibleTarget(page);
    // Within the reach of the grown details (they grow by up to --details-height): the case at hand.
    expect(target.y).toBeGreaterThan(target.bodyBottom - 206);

    await page.mouse.click(target.x, target.y);
    await expect(page.locator('.tree-row[aria-selected="true"] .tree-label')).toHaveText(target.label);
    // Between the presses the area names the target on its one line, at the same height.
    await expect(details.getByTestId('target-details-pending')).toContainText(target.label);
    // A person's pause (the input's timing is the point of the test, not a wait for state).
    await page.waitForTimeout(SLOW_GAP_MS);
    expect((await details.boundingBox())?.height).toBe(emptyHeight);
    // And the row is still where the pointer pressed it.
    expect(await lastVisibleTarget(page)).toEqual(target);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-tree-slow-dblclick-${size.width}.png`) });
    // The OS counts the second press as a double-click (clickCount 2): the browser sends dblclick.
    await page.mouse.click(target.x, target.y, { clickCount: 2 });
    await expect(page.locator('.tab')).toHaveCount(1, { timeout: SHELL_TIMEOUT_MS });
    await expect(page.locator('.tab[aria-selected="true"] .tab-title')).toHaveText(target.label);

    // The pointer moves on: the details grow in full, and the selected row stays in the tree's view.
    await page.mouse.move(target.x + 40, target.y - 60);
    await expect(details).not.toHaveClass(/empty/);
    await expect(details.getByRole('button', { name: 'Forward…' })).toBeVisible();
    await expect.poll(() => page.evaluate(() => {
      const row = document.querySelector('.tree-row[aria-selected="true"]')?.getBoundingClientRect();
      const body = document.querySelector('.tree-body')?.getBoundingClientRect();
      return row !== undefined && body !== undefined && row.top >= body.top - 0.5 && row.bottom <= body.bottom + 0.5;
    }), quickPoll()).toBe(true);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-tree-slow-dblclick-grown-${size.width}.png`) });
  });
}

test('a click higher up the tree, out of the details’ reach, grows them without the pointer moving', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  const app = await revealWebApp(page);
  await app.click();
  await expect(page.getByTestId('target-details')).not.toHaveClass(/empty/);
  await expect(page.getByTestId('target-details')).toContainText('8080/tcp, 9000/tcp');
});
