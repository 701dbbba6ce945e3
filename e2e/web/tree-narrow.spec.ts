// The tree as a person leaves it: what they opened and selected comes back after a reload, and a
// tree dragged down to its narrowest (180 px) cuts names with "…", says them whole on hover and
// keeps every badge it shows whole. QA saw everything collapsed after a reload, and names at
// 180 px cut off by the pane's edge with no ellipsis and nothing on hover.
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { expand, openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true, viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 120_000 });

/** The tree view main saved in settings.json (null before the first save). */
async function savedTree(dataDir: string): Promise<{ selected: { id: string } | null } | null> {
  try {
    return (JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as { tree?: { selected: { id: string } | null } | null }).tree ?? null;
  } catch {
    return null;
  }
}

interface RowFit {
  readonly label: string;
  /** The name is wider than its box. */
  readonly cut: boolean;
  readonly ellipsis: boolean;
  /** The name's box ends inside the tree (else the pane's edge cuts it, with no "…"). */
  readonly inside: boolean;
  /** Badges shown on the row (not wrapped out of sight) that the pane or their own box cut. */
  readonly cutBadges: readonly string[];
}

async function rowFits(page: Page): Promise<RowFit[]> {
  return page.locator('.tree-body .tree-row').evaluateAll((rows) => {
    const pane = rows[0]?.closest('.tree-body')?.getBoundingClientRect();
    const right = pane?.right ?? 0;
    return rows.map((row) => {
      const label = row.querySelector<HTMLElement>('.tree-label');
      const r = row.getBoundingClientRect();
      const box = label?.getBoundingClientRect();
      const cutBadges = [...row.querySelectorAll<HTMLElement>('.tree-badge')]
        .filter((b) => {
          const bb = b.getBoundingClientRect();
          return bb.top >= r.top - 1 && bb.bottom <= r.bottom + 1; // shown, not wrapped onto the hidden line
        })
        .filter((b) => b.getBoundingClientRect().right > right + 0.5 || b.scrollWidth > b.clientWidth + 1)
        .map((b) => b.textContent ?? '');
      return {
        label: label?.textContent ?? '',
        cut: label !== null && label.scrollWidth > label.clientWidth + 1,
        ellipsis: label !== null && getComputedStyle(label).textOverflow === 'ellipsis',
        inside: box !== undefined && box.right <= right + 0.5,
        cutBadges,
      };
    });
  });
}

test('the open tree and selection survive a reload; at 180 px cut names end in … and say themselves on hover', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await expand(treeRow(page, 'cluster', 'demo-workers'));
  const task = treeRow(page, 'task', /0e1f0014/);
  await expand(task);
  const container = page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]').first();
  await container.click();
  await expect(container).toHaveAttribute('aria-selected', 'true');
  await expect.poll(async () => (await savedTree(webHost.dataDir))?.selected?.id ?? null, quickPoll()).toMatch(/^k:/);

  await page.reload();
  await expect(treeRow(page, 'cluster', 'demo-workers')).toHaveAttribute('aria-expanded', 'true', { timeout: SHELL_TIMEOUT_MS });
  await expect(task).toHaveAttribute('aria-expanded', 'true', { timeout: SHELL_TIMEOUT_MS });
  await expect(container).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('target-details')).toBeVisible();

  const sep = page.getByTestId('tree-separator');
  await sep.focus();
  await page.keyboard.press('Home');
  await expect(sep).toHaveAttribute('aria-valuenow', '180');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-tree-180-1440.png') });
  const fits = await rowFits(page);
  const cut = fits.filter((f) => f.cut || !f.inside);
  // At 180 px the long names are cut: the checks below are about something.
  expect(cut.map((f) => f.label)).toContain('0e1f0014 · locked-down:1');
  for (const f of cut) expect(f, `"${f.label}" is cut`).toMatchObject({ cut: true, ellipsis: true, inside: true });
  for (const f of fits) expect(f.cutBadges, `badges of "${f.label}"`).toEqual([]);
  // Hovering a cut name says it whole; one that fits adds nothing to the row's tooltip.
  await task.hover();
  await expect(task).toHaveAttribute('title', /^0e1f0014 · locked-down:1\n/);
  const region = treeRow(page, 'region', 'us-east-1');
  await region.hover();
  expect((await region.getAttribute('title')) ?? '').not.toContain('us-east-1');
});

test('a tree with room for badges cuts a long name before it drops the row\'s badge', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await expand(treeRow(page, 'cluster', 'demo-workers'));
  const sep = page.getByTestId('tree-separator');
  await sep.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
  await expect(sep).toHaveAttribute('aria-valuenow', '270');
  // "0e1f0011 · worker:2" and its "exec off" need about 290 px: the name gives way, the state stays.
  const row = treeRow(page, 'task', /0e1f0011/);
  const fit = await row.evaluate((r) => {
    const label = r.querySelector<HTMLElement>('.tree-label');
    const badge = r.querySelector<HTMLElement>('.tree-badge');
    const rr = r.getBoundingClientRect();
    const bb = badge?.getBoundingClientRect();
    return {
      cut: label !== null && label.scrollWidth > label.clientWidth + 1,
      badge: badge?.textContent ?? '',
      badgeShown: bb !== undefined && bb.top >= rr.top - 1 && bb.bottom <= rr.bottom + 1 && bb.right <= rr.right + 0.5,
    };
  });
  expect(fit).toEqual({ cut: true, badge: 'exec off', badgeShown: true });
});
