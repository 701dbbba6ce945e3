// Region codes in the Add region form's messages are never broken at a hyphen ("eu-" at a line's
// end, "west-1" on the next): each code stays on one line, at both window sizes.
import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openDemo, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

/** How many lines the first occurrence of `code` in the element's text takes (1 when kept whole). */
async function linesOf(el: Locator, code: string): Promise<number> {
  return el.evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) nodes.push(n as Text);
    const all = nodes.map((n) => n.data).join('');
    const at = all.indexOf(wanted);
    if (at < 0) return -1;
    const locate = (offset: number): [Text, number] => {
      let left = offset;
      for (const n of nodes) {
        if (left <= n.data.length) return [n, left];
        left -= n.data.length;
      }
      throw new Error('offset past the text');
    };
    const range = document.createRange();
    range.setStart(...locate(at));
    range.setEnd(...locate(at + wanted.length));
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return tops.size;
  }, code);
}

async function openForm(page: Page): Promise<Locator> {
  await treeRow(page, 'profile', 'porthole-sandbox').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Add region…' }).click();
  return page.getByRole('dialog', { name: 'Add a region to porthole-sandbox' });
}

// One page and one open form, resized: the message is laid out again at each size, and a fresh
// host and page for the second size would prove nothing more.
test('region codes in the Add region messages stay whole at 1440×900 and 1024×640', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  const dialog = await openForm(page);
  const alert = dialog.getByRole('alert');
  for (const [width, height] of [
    [1440, 900],
    [1024, 640],
  ] as const) {
    await page.setViewportSize({ width, height });
    // Typed codes of several lengths move the suggested code along the line, so one of them lands
    // at a line's end whatever the dialog's width.
    const typed = ['eu-wset-2', 'eu-wesst-1', 'us-eas-1', 'us-gov-east-1', 'ap-southeest-2', 'ap-northeasst-3', 'me-centrall-1', 'ca-westt-1', 'sa-eastt-1', 'eu-wset-1'];
    for (const code of typed) {
      await dialog.getByLabel('Region code').fill(code);
      await page.keyboard.press('Enter');
      await expect(alert).toContainText(`${code} is not a region Porthole knows.`);
      const suggested = /Did you mean ([a-z0-9-]+)\?/.exec((await alert.textContent()) ?? '')?.[1];
      for (const c of [code, ...(suggested ? [suggested] : [])]) {
        expect(await linesOf(alert, c), `${c} in "${await alert.textContent()}" at ${width}×${height}`).toBe(1);
      }
    }
    // The last code typed was eu-wset-1.
    await expect(alert).toContainText('Did you mean eu-west-1?');
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-add-region-codes-${width}.png`) });
  }
});
