// A 700×500 window leaves the Forwards panel narrower than its table: each forward is laid out
// on three lines, its actions (Stop/Start, Save, remove) inside the panel, its destination and
// address whole, and its status pill wide enough for "reconnecting".
import type { Locator } from '@playwright/test';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { startForward, widestStateFits } from './forward-ui.js';
import { openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';
import { quickPoll } from './poll.js';

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

test('at 700×500 a forward keeps Stop and Start inside the panel, they work, and its destination shows whole', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const row = await startForward(page, treeRow(page, 'instance', 'bastion'), { remotePort: '80' });
  // Too narrow for the table's columns, each forward is three lines (status, address and
  // actions; where it goes and its rates; its path): nothing scrolls sideways or hides under the actions.
  const scroller = page.getByTestId('forwards-scroll');
  await expect(page.getByTestId('forwards')).toHaveAttribute('data-compact', 'true');
  expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forwards-700.png') });

  const stop = row.getByRole('button', { name: 'Stop' });
  await insidePanel(scroller, stop);
  await insidePanel(scroller, row.getByRole('button', { name: 'Save' }));
  await stop.click();
  await expect(row).toHaveAttribute('data-state', 'stopped');
  const start = row.getByRole('button', { name: /^Start forward / });
  await insidePanel(scroller, start);
  await start.click();
  await expect(row).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });

  // The destination is read whole, on its own line below the actions (it was squeezed to nothing, then under the actions).
  const dest = row.locator('.forward-destination');
  await insidePanel(scroller, dest);
  const to = await dest.boundingBox();
  const actions = await row.locator('.forward-actions').boundingBox();
  expect(to !== null && actions !== null && to.width >= 100 && to.y >= actions.y + actions.height - 1).toBe(true);
  await expect(dest).toContainText('bastion:80');
  expect(await row.getByTestId('forward-remote').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  // No status word is cut: the pill's column holds the widest, "reconnecting" (it was "reconne…"),
  // and the address stays whole beside Open (port 80), Stop, ↻, Save and ✕.
  expect(await widestStateFits(row.locator('.state-pill'))).toBe(true);
  expect(await row.getByTestId('forward-address').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  for (const [width, height] of [[1440, 900], [1024, 640]] as const) {
    await page.setViewportSize({ width, height });
    await insidePanel(scroller, stop);
    // Wide enough there for the whole table: no sideways scrolling.
    await expect.poll(() => scroller.evaluate((el) => el.scrollWidth <= el.clientWidth), quickPoll()).toBe(true);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-forwards-${width}.png`) });
  }
});
