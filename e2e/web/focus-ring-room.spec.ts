// The keyboard's focus ring is seen whole on a forward's actions: the row's line clips what
// overflows it (for its ellipsis) and the buttons fill its height, so the ring drawn outside a
// button lost its top and bottom, and the last button (✕) its right side too.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { startForward } from './forward-ui.js';
import { openDemo, treeRow } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 1440, height: 900 } });

/**
 * Where the focused element's ring (its box-shadow: inside its box when inset, else its box grown by
 * the spread) is cut by an ancestor that clips its overflow: the sides cut, empty when it shows whole.
 */
async function ringCut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement)) return ['nothing focused'];
    const shadow = getComputedStyle(el).boxShadow;
    const spread = shadow.includes('inset') ? 0 : Number(/(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px/.exec(shadow)?.[4] ?? 0);
    const r = el.getBoundingClientRect();
    const ring = { left: r.left - spread, right: r.right + spread, top: r.top - spread, bottom: r.bottom + spread };
    const cut = new Set<string>();
    for (let p = el.parentElement; p !== null; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const b = p.getBoundingClientRect();
      // The clip is the padding box: inside the borders.
      const clip = { left: b.left + p.clientLeft, top: b.top + p.clientTop, right: b.left + p.clientLeft + p.clientWidth, bottom: b.top + p.clientTop + p.clientHeight };
      if (ring.left < clip.left - 0.5) cut.add('left');
      if (ring.right > clip.right + 0.5) cut.add('right');
      if (ring.top < clip.top - 0.5) cut.add('top');
      if (ring.bottom > clip.bottom + 0.5) cut.add('bottom');
    }
    return [...cut];
  });
}

async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 30 && !(await target.evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

test("a forward's actions show the keyboard's focus ring whole", async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const row = await startForward(page, treeRow(page, 'instance', 'bastion'), { remotePort: '80' });
  await page.getByRole('button', { name: 'New forward…' }).focus();
  const stop = row.getByRole('button', { name: /^Stop forward/ });
  const remove = row.getByRole('button', { name: /^Remove forward/ });
  await tabTo(page, stop);
  expect(await ringCut(page), 'the ring around Stop').toEqual([]);
  await tabTo(page, remove);
  expect(await ringCut(page), 'the ring around ✕').toEqual([]);
});
