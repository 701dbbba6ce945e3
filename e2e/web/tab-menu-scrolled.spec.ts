// Shift+F10 on a tab scrolled partly (or wholly) out of the tab strip: the tab comes into view and
// its menu opens under it, below the strip and inside the window, at 1440×900 and 1024×640 with
// more tabs than the strip holds. Before, the menu opened under wherever the tab's start was: over
// the tree pane, or past the window's left edge.
import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

/** Tabs for a target whose agent is lost: each fails at once, no shell to start, so many open cheaply. */
const TABS = 10;
/** ContextMenu keeps a menu this far inside the window's edges. */
const MENU_EDGE_PX = 4;

interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

async function box(locator: Locator): Promise<Box> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  });
}

/** Wheels the strip sideways (as a mouse wheel over it does) by `px`. */
async function wheelStrip(page: Page, strip: Locator, px: number): Promise<void> {
  const s = await box(strip);
  await page.mouse.move((s.left + s.right) / 2, (s.top + s.bottom) / 2);
  await page.mouse.wheel(0, px);
}

/** Shift+F10 on the focused `tab`: its menu lies inside the window, below the strip, under the tab's start (or as near as the window's right edge lets it), and the tab is wholly in the strip's view. */
async function expectMenuUnder(page: Page, tab: Locator, strip: Locator, shot: string): Promise<void> {
  await expect(tab).toBeFocused();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  const [m, t, s] = await Promise.all([box(menu), box(tab), box(strip)]);
  const view = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  expect(m.left).toBeGreaterThanOrEqual(0);
  expect(m.right).toBeLessThanOrEqual(view.width);
  expect(m.bottom).toBeLessThanOrEqual(view.height);
  expect(m.top).toBeGreaterThanOrEqual(s.bottom);
  expect(t.left).toBeGreaterThanOrEqual(s.left - 0.5);
  expect(t.right).toBeLessThanOrEqual(s.right + 0.5);
  expect(Math.abs(m.left - Math.min(t.left, view.width - (m.right - m.left) - MENU_EDGE_PX))).toBeLessThan(1);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', shot) });
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
}

test('Shift+F10 on a tab scrolled out of the strip opens its menu under it, inside the window', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  const lost = treeRow(page, 'instance', 'lost-contact');
  for (let i = 1; i <= TABS; i++) {
    await lost.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Open shell' }).click();
    await expect(page.locator('.tab')).toHaveCount(i);
  }
  await expect(page.locator('.tab[data-state="closed"]')).toHaveCount(TABS, { timeout: SHELL_TIMEOUT_MS });
  const strip = page.getByRole('tablist', { name: 'Sessions' });
  const tabs = strip.getByRole('tab');
  const first = tabs.first();
  const last = tabs.last();

  for (const [width, height] of [[1440, 900], [1024, 640]] as const) {
    await page.setViewportSize({ width, height });
    // The keyboard on the first tab (the newest, last, is active and in view), then the strip
    // wheeled on so that tab is half out at its left.
    await tabs.nth(TABS - 1).focus();
    await page.keyboard.press('Home');
    await expect(first).toBeFocused();
    const half = await first.evaluate((t: HTMLElement) => t.offsetLeft + t.getBoundingClientRect().width / 2);
    await wheelStrip(page, strip, half - (await strip.evaluate((s) => s.scrollLeft)));
    await expect.poll(async () => (await box(first)).left < (await box(strip)).left).toBe(true);
    await expectMenuUnder(page, first, strip, `qa-tab-menu-left-${width}.png`);

    // Wholly out: the strip wheeled to its end.
    await wheelStrip(page, strip, 10_000);
    await expect.poll(async () => (await box(first)).right <= (await box(strip)).left).toBe(true);
    await expectMenuUnder(page, first, strip, `qa-tab-menu-far-left-${width}.png`);

    // The last tab half out at the strip's right.
    await page.keyboard.press('End');
    await expect(last).toBeFocused();
    const over = await last.evaluate((t: HTMLElement) => t.getBoundingClientRect().width / 2);
    await wheelStrip(page, strip, -over);
    await expect.poll(async () => (await box(last)).right > (await box(strip)).right).toBe(true);
    await expectMenuUnder(page, last, strip, `qa-tab-menu-right-${width}.png`);
  }
});
