// The details under the tree keep one height while a target is shown, whatever it is: moving the
// selection from an instance to a container (whose readiness text takes two lines) must not make
// the area taller, cover the tree's last rows or move any row; the selected row keeps the keyboard.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { expand, openDemo, revealWebApp, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

interface Geometry {
  readonly detailsTop: number;
  readonly detailsHeight: number;
  readonly bodyBottom: number;
  /** Each row's label and top, in display order. */
  readonly rows: ReadonlyArray<readonly [string, number]>;
  /** Labels of the rows wholly inside the tree's view. */
  readonly whole: readonly string[];
}

function geometry(page: Page): Promise<Geometry> {
  return page.evaluate(() => {
    const body = document.querySelector('.tree-body')?.getBoundingClientRect();
    const details = document.querySelector('[data-testid="target-details"]')?.getBoundingClientRect();
    if (body === undefined || details === undefined) throw new Error('no tree body or details');
    const rows = [...document.querySelectorAll('.tree-row')].map((el) => ({ label: el.querySelector('.tree-label')?.textContent ?? '', r: el.getBoundingClientRect() }));
    return {
      detailsTop: details.top,
      detailsHeight: details.height,
      bodyBottom: body.bottom,
      rows: rows.map(({ label, r }) => [label, r.top] as const),
      whole: rows.filter(({ r }) => r.height > 0 && r.top >= body.top - 0.5 && r.bottom <= body.bottom + 0.5).map(({ label }) => label),
    };
  });
}

for (const size of [{ width: 1024, height: 640 }, { width: 1440, height: 900 }]) {
  test(`at ${size.width}×${size.height} the details keep their height from an instance to a container, and no row moves or hides`, async ({ page, webHost }) => {
    await page.setViewportSize(size);
    await openDemo(page, webHost.url);
    const app = await revealWebApp(page);
    const details = page.getByTestId('target-details');
    const instance = treeRow(page, 'instance', 'app-server');

    await instance.click();
    // The pointer leaves the row (near the tree's foot the area waits for that: use-pointer-park.ts).
    await page.mouse.move(size.width / 2, 10);
    await expect(details).toContainText('i-0a1b2c3d4e5f60002');
    await expect(instance).toBeFocused();
    const onInstance = await geometry(page);
    expect(onInstance.whole).toContain('app-server');
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-tree-details-instance-${size.width}.png`) });

    await app.click();
    await page.mouse.move(size.width / 2, 10);
    await expect(details).toContainText('8080/tcp, 9000/tcp');
    await expect(app).toBeFocused();
    const onContainer = await geometry(page);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-tree-details-container-${size.width}.png`) });

    expect(onContainer.detailsHeight).toBe(onInstance.detailsHeight);
    expect(onContainer.detailsTop).toBe(onInstance.detailsTop);
    expect(onContainer.rows).toEqual(onInstance.rows);
    expect(onContainer.whole).toEqual(onInstance.whole);

    // And back: nothing moves the other way either.
    await instance.click();
    await page.mouse.move(size.width / 2, 10);
    await expect(details).toContainText('i-0a1b2c3d4e5f60002');
    await expect(instance).toBeFocused();
    expect(await geometry(page)).toEqual(onInstance);
  });
}

test('at 1024×640 with the tree at its narrowest, long facts are cut inside the details, the height holds, and the arrow keys keep the focus on the rows', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  await openDemo(page, webHost.url);
  const app = await revealWebApp(page);
  // The narrowest tree (180 px): the buttons wrap and every fact is longer than the room it has.
  await page.getByTestId('tree-separator').focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('tree-separator')).toHaveAttribute('aria-valuenow', '180');
  const details = page.getByTestId('target-details');

  await app.click();
  await page.mouse.move(700, 10);
  await expect(details).toContainText('8080/tcp, 9000/tcp');
  const height = (await details.boundingBox())?.height;
  // Nothing reaches past the area's sides: names and facts end in an ellipsis inside it.
  expect(await details.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  const cut = await details.locator('dd, .target-details-name').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth).length);
  expect(cut).toBeGreaterThan(0);
  // Name and actions stay in view at the top; the facts scroll inside.
  await expect(details.getByRole('button', { name: 'Open shell' })).toBeInViewport();
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-tree-details-narrow-1024.png') });

  // ↓ to the next container: the selection, the details and the focus move together; the height holds.
  await app.focus();
  await page.keyboard.press('ArrowDown');
  const logRouter = page.locator('.tree-row[aria-selected="true"]');
  await expect(logRouter.locator('.tree-label')).toHaveText(/^log-router/);
  await expect(logRouter).toBeFocused();
  await expect(details).toContainText('none mapped');
  expect((await details.boundingBox())?.height).toBe(height);
  await page.keyboard.press('ArrowUp');
  await expect(app).toBeFocused();
  await expect(details).toContainText('8080/tcp, 9000/tcp');
  expect((await details.boundingBox())?.height).toBe(height);

  // A container without ECS Exec: its advice (why, then how to enable it) is said in full, not cut
  // after a few lines; it scrolls with the facts in one box, and the area keeps its height.
  await expand(treeRow(page, 'cluster', 'demo-workers'));
  const task = treeRow(page, 'task', /0e1f0011/);
  await expand(task);
  const worker = page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]');
  await worker.click();
  await page.mouse.move(700, 10);
  const advice = details.getByTestId('target-details-readiness');
  await expect(advice).toContainText('ECS Exec is not enabled');
  expect((await details.boundingBox())?.height).toBe(height);
  const next = details.getByTestId('target-details-next');
  expect(`${await advice.textContent()} ${await next.textContent()}`).toBe(await advice.getAttribute('title'));
  const body = details.getByTestId('target-details-body');
  const endInside = await body.evaluate((el) => {
    const step = el.querySelector('[data-testid="target-details-next"]');
    if (step === null) return false;
    // Scroll the box until the advice's last line sits at its foot.
    el.scrollTop += step.getBoundingClientRect().bottom - el.getBoundingClientRect().bottom;
    // The advice's lines (a paragraph's own box is one rect, its text's range one per line).
    const lines = document.createRange();
    lines.selectNodeContents(step);
    const rects = lines.getClientRects();
    const end = rects[rects.length - 1];
    const r = el.getBoundingClientRect();
    return end !== undefined && end.bottom <= r.bottom + 0.5 && end.top >= r.top - 0.5;
  });
  // Its last words can be scrolled into view inside the box.
  expect(endInside).toBe(true);
  await body.evaluate((el) => { el.scrollTop = 0; });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-tree-details-not-ready-1024.png') });
});
