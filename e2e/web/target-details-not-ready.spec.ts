// The details of a target that cannot take a shell (ECS Exec not enabled, its agent down) lay out
// cleanly at 1440×900 and 1024×640: why, in full; what to do, in full, with no command split at
// its hyphens; the name and actions in view. Tall, everything fits; short, the advice and facts
// scroll in one box whose last fact can be reached. Before, the advice was cut after four lines in
// a box of its own ("--force-new-" at a line's end) and a fact was half shown under it.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { expand, openDemo, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });

async function selectWorker(page: Page, task: RegExp, size: { width: number }): Promise<void> {
  const row = treeRow(page, 'task', task);
  await expand(row);
  await page.locator('li', { has: row }).last().locator('.tree-row[data-node-kind="container"]').click();
  // The pointer leaves the row (near the tree's foot the area waits for that: use-pointer-park.ts).
  await page.mouse.move(size.width / 2, 10);
}

/** What is seen of the details' text: lines whole, codes whole, what is inside the scroll box. */
function layout(details: Locator) {
  return details.evaluate((el) => {
    const body = el.querySelector('[data-testid="target-details-body"]');
    const why = el.querySelector('[data-testid="target-details-readiness"]');
    if (body === null || why === null) throw new Error('no details body or readiness');
    const inside = (box: DOMRect, frame: DOMRect): boolean => box.top >= frame.top - 0.5 && box.bottom <= frame.bottom + 0.5 && box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5;
    body.scrollTop = 0;
    const frame = body.getBoundingClientRect();
    const atTop = {
      whyWhole: why.scrollHeight <= why.clientHeight + 1 && inside(why.getBoundingClientRect(), frame),
      actionsInView: [...el.querySelectorAll('.target-details-actions button')].every((b) => inside(b.getBoundingClientRect(), el.getBoundingClientRect())),
    };
    // Every command option and hyphenated code sits on one line.
    const split = [...el.querySelectorAll('.target-details-next .nowrap')].filter((c) => c.getClientRects().length !== 1).map((c) => c.textContent);
    const scrolls = body.scrollHeight > body.clientHeight + 1;
    body.scrollTop = body.scrollHeight;
    const dds = [...el.querySelectorAll('dd')];
    const last = dds[dds.length - 1];
    const lastFactReached = last !== undefined && inside(last.getBoundingClientRect(), body.getBoundingClientRect());
    body.scrollTop = 0;
    return { ...atTop, split, scrolls, lastFactReached, next: el.querySelector('[data-testid="target-details-next"]')?.textContent ?? '', width: el.scrollWidth <= el.clientWidth };
  });
}

/**
 * Whether the window is tall enough for the details to grow (to --details-max-height): read from the
 * breakpoint in renderer/styles/tokens.css itself, the media rule that sets --details-max-height.
 */
function tallDetails(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    for (const sheet of document.styleSheets) {
      for (const rule of sheet.cssRules) {
        if (rule instanceof CSSMediaRule && rule.cssText.includes('--details-max-height')) return matchMedia(rule.conditionText).matches;
      }
    }
    throw new Error('no media rule sets --details-max-height (renderer/styles/tokens.css)');
  });
}

/** The details area's height in px. */
async function detailsHeight(details: Locator): Promise<number> {
  return (await details.boundingBox())?.height ?? 0;
}

for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 640 }]) {
  test(`at ${size.width}×${size.height} a not-ready target's details say why and what to do in full, lines and commands whole`, async ({ page, webHost }) => {
    await page.setViewportSize(size);
    await openDemo(page, webHost.url);
    await expand(treeRow(page, 'cluster', 'demo-workers'));
    const details = page.getByTestId('target-details');
    const tall = await tallDetails(page);
    expect(tall).toBe(size.height >= 860);

    // A ready target (its readiness one line, five facts) keeps the compact height whatever the window:
    // only a target with more to say takes the tall window's extra room from the tree.
    await selectWorker(page, /0e1f0010/, size);
    await expect(details.getByTestId('target-details-readiness')).toHaveText(/shell can be opened/);
    const ready = await detailsHeight(details);
    const base = await details.evaluate((el) => parseFloat(getComputedStyle(el).minHeight));
    expect(ready).toBeLessThanOrEqual(base + 0.5);

    await selectWorker(page, /0e1f0011/, size);
    await expect(details.getByTestId('target-details-readiness')).toHaveText('ECS Exec is not enabled for this task: it was started without execute command.');
    const noExec = await layout(details);
    expect(noExec.next).toContain('--force-new-deployment');
    expect(noExec).toMatchObject({ whyWhole: true, actionsInView: true, split: [], lastFactReached: true, width: true });
    // Tall, nothing needs scrolling; short, the one box scrolls.
    expect(noExec.scrolls).toBe(!tall);
    // Tall, the not-ready target's details grew past the ready one's to show it all.
    if (tall) expect(await detailsHeight(details)).toBeGreaterThan(ready + 0.5);

    await selectWorker(page, /0e1f0012/, size);
    await expect(details.getByTestId('target-details-readiness')).toContainText('The ECS Exec agent is stopped');
    const agentDown = await layout(details);
    // Beside the Diagnose button, the step does not send the reader to Diagnose again.
    expect(agentDown.next).toMatch(/ssmmessages\.$/);
    expect(agentDown).toMatchObject({ whyWhole: true, actionsInView: true, split: [], lastFactReached: true, width: true });
    await expect(details.getByRole('button', { name: 'Diagnose' })).toBeInViewport();
  });
}
