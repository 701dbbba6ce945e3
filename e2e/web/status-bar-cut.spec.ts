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

/** Whether the element shows its text up to and including `upTo` (not cut off by its own box). */
async function shows(page: Page, testId: string, upTo: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((el, head) => {
    const text = el.firstChild;
    const end = (el.textContent ?? '').indexOf(head) + head.length;
    if (text === null || end < head.length) return false;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, end);
    return range.getBoundingClientRect().right <= el.getBoundingClientRect().right + 0.5;
  }, upTo);
}

// With the link to the host lost, its long notice took the whole bar and the hint showed as "Ente…"
// at 1440. The hint then goes: Enter or double-click can neither open a shell nor run Diagnose
// without the host (the details' buttons are off), so it only took the notice's room. At 1440 the
// notice reads whole; at 1024 its first sentence still reads and what is cut says all on hover.
// Only this test ends its host, so only it needs the host in a process of its own (fixtures/web-host.ts):
// the one above runs in the worker's launcher, which spares a host process start (~2.5 s of CPU).
test.describe('the host gone', () => {
  test.use({ ownHostProcess: true });

  test('with the host link lost, the hint goes and the notice reads whole at 1440; at 1024 its first sentence reads', async ({ page, webHost }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openDemo(page, webHost.url);
    await expand(treeRow(page, 'cluster', 'demo-workers'));
    const task = treeRow(page, 'task', /0e1f0011/);
    await expand(task);
    await page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]').first().click();
    await expect(page.getByTestId('status-hint')).toHaveText('Not ready for a shell: Enter or double-click runs Diagnose');
    await webHost.kill();
    const lost = page.getByTestId('disconnected');
    await expect(lost).toBeVisible();
    const headline = "Lost the connection to Porthole's web host.";
    await expect(lost).toContainText(headline);
    await expect(page.getByTestId('status-hint')).toHaveCount(0);
    const whole = (await lost.textContent()) ?? '';
    expect(await shows(page, 'disconnected', whole), 'the notice is cut at 1440').toBe(true);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-status-bar-link-lost-1440.png') });

    await page.setViewportSize({ width: 1024, height: 640 });
    expect(await shows(page, 'disconnected', headline), 'the notice is cut before its first sentence ends').toBe(true);
    const cut = await cutItems(page);
    for (const c of cut) expect(c.title, `"${c.text}" is cut`).toBe(c.text);
    // The controls at the end stay in the window.
    const theme = await page.getByTestId('theme-select').boundingBox();
    expect((theme?.x ?? Infinity) + (theme?.width ?? 0)).toBeLessThanOrEqual(1024);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-status-bar-link-lost-1024.png') });
  });
});
