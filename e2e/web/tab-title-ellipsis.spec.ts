// QA: a tab renamed to a long "name · qualifier" title showed two "…" (the name and the part
// after " · " each cut on their own). One ellipsis on the tab; the full title in its tooltip.
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp, waitForShell } from './porthole-ui.js';

test.use({ sandbox: true });

const LONG_NAME = 'ledger-writer-sidecar-with-a-long-container-name-for-qa';

async function rename(page: Page, title: string): Promise<void> {
  await page.locator('.tab[aria-selected="true"] .tab-title').dblclick();
  await page.getByLabel('Tab name').fill(title);
  await page.keyboard.press('Enter');
}

/** How many boxes in each tab's title draw their own "…" (content wider than the box that clips it). */
async function ellipses(page: Page): Promise<number[]> {
  return page.locator('.tab .tab-title').evaluateAll((titles) =>
    titles.map((title) => [...title.querySelectorAll<HTMLElement>('*')].filter((el) => getComputedStyle(el).textOverflow === 'ellipsis' && el.clientWidth > 0 && el.scrollWidth > el.clientWidth).length),
  );
}

test('a long renamed title shows one ellipsis, alone or beside a tab of the same name; the tooltip has it all', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  const first = `${LONG_NAME} · abc`;
  await rename(page, first);
  await expect(page.locator('.tab[aria-selected="true"]')).toHaveAttribute('title', new RegExp(`^${first}(\\n|$)`));
  expect(await ellipses(page)).toEqual([1]);

  // Two tabs on one long name: the differing end stays, still one "…" each (wide and narrow tabs).
  await page.keyboard.press('Alt+Shift+T');
  await expect(page.locator('.tab')).toHaveCount(2);
  await rename(page, `${LONG_NAME} · abd`);
  await expect(page.locator('.tab[aria-selected="true"]')).toHaveAttribute('title', new RegExp(`^${LONG_NAME} · abd(\\n|$)`));
  expect(await ellipses(page)).toEqual([1, 1]);
  await expect(page.locator('.tab .tab-title-tail')).toHaveText(['c', 'd'].map((c) => `b${c}`));
});
