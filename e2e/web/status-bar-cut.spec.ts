// The status bar shortens what does not fit with an ellipsis; whatever it cuts must be readable
// whole on hover. At 1024×640 the tree's hint for a container not ready for a shell ("Not ready
// for a shell: Enter or double-click runs Diagnose") was cut to "…run…" with no tooltip.
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { expand, openDemo, treeRow } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 1024, height: 640 } });
test.describe.configure({ timeout: 120_000 });

/** The status bar's items whose text is cut, with their tooltip. */
async function cutItems(page: Page): Promise<Array<{ text: string; title: string | null }>> {
  return page.locator('.status-bar > *').evaluateAll((els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => ({ text: el.textContent ?? '', title: el.getAttribute('title') })),
  );
}

test('a status bar hint cut at 1024 px says all of it on hover', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await expand(treeRow(page, 'cluster', 'demo-workers'));
  const task = treeRow(page, 'task', /0e1f0011/);
  await expand(task);
  await page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]').first().click();
  const hint = page.getByTestId('status-hint');
  await expect(hint).toHaveText('Not ready for a shell: Enter or double-click runs Diagnose');
  const cut = await cutItems(page);
  // The window is narrow enough that the hint is cut: the check below is about something.
  expect(cut.map((c) => c.text)).toContain('Not ready for a shell: Enter or double-click runs Diagnose');
  for (const c of cut) expect(c.title, `"${c.text}" is cut`).toBe(c.text);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-status-bar-cut-1024.png') });
});
