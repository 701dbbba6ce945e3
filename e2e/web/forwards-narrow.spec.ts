// A 700×500 window leaves the Forwards panel narrower than its table: the table scrolls sideways,
// but a row's actions (Stop/Start, Save, remove) stay inside the panel, clickable without scrolling.
import type { Locator } from '@playwright/test';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { startForward } from './forward-ui.js';
import { openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 700, height: 500 } });
test.describe.configure({ timeout: 120_000 });

/** The element's box lies wholly inside the panel's visible box. */
async function insidePanel(panel: Locator, el: Locator): Promise<void> {
  const p = await panel.boundingBox();
  const b = await el.boundingBox();
  expect(p).not.toBeNull();
  expect(b).not.toBeNull();
  if (p === null || b === null) return;
  expect(b.x).toBeGreaterThanOrEqual(p.x);
  expect(b.x + b.width).toBeLessThanOrEqual(p.x + p.width);
}

test('at 700×500 a forward row keeps Stop and Start inside the panel, and they work without scrolling', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const row = await startForward(page, treeRow(page, 'instance', 'bastion'), { remotePort: '80' });
  // The premise: the table is wider than the panel here (it scrolls sideways in the panel's body).
  const scroller = page.locator('.bottom-panel .panel-body');
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX !== 'visible')).toBe(true);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forwards-700.png') });

  const stop = row.getByRole('button', { name: 'Stop' });
  // The actions end at the panel's right edge: nothing of the scrolled cells shows beside them.
  const edge = await scroller.boundingBox();
  const cell = await row.locator('.forward-actions').boundingBox();
  expect(edge !== null && cell !== null && Math.abs(cell.x + cell.width - (edge.x + edge.width)) <= 1).toBe(true);
  await insidePanel(scroller, stop);
  await insidePanel(scroller, row.getByRole('button', { name: 'Save' }));
  await stop.click();
  await expect(row).toHaveAttribute('data-state', 'stopped');
  expect(await scroller.evaluate((el) => el.scrollLeft)).toBe(0);
  const start = row.getByRole('button', { name: 'Start', exact: true });
  await insidePanel(scroller, start);
  await start.click();
  await expect(row).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });

  // Scrolled sideways to read the destination (squeezed to nothing before), it shows whole beside the actions, which stay in place.
  const dest = row.locator('.forward-destination');
  await scroller.evaluate((el, x) => el.scrollTo({ left: x }), ((await dest.boundingBox())?.x ?? 0) - ((await scroller.boundingBox())?.x ?? 0));
  await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await insidePanel(scroller, stop);
  await insidePanel(scroller, dest);
  const to = await dest.boundingBox();
  const actions = await row.locator('.forward-actions').boundingBox();
  expect(to !== null && actions !== null && to.width >= 100 && to.x + to.width <= actions.x + 1).toBe(true);
  await expect(dest).toContainText('bastion');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forwards-700-scrolled.png') });
  for (const [width, height] of [[1440, 900], [1024, 640]] as const) {
    await page.setViewportSize({ width, height });
    await insidePanel(scroller, stop);
    // Wide enough there for the whole table: no sideways scrolling.
    await expect.poll(() => scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-forwards-${width}.png`) });
  }
});
