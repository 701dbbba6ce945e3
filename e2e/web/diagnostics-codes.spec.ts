// A diagnosis's fixes are commands to copy: an option or a hyphenated name in them is never broken
// at a hyphen ("--" at a line's end, "enable-execute-command" on the next), at any window width.
import type { Locator } from '@playwright/test';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { expand, openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

/** Widths that move the fix's words along its lines: 1440 broke "--enable-execute-command" after "--". */
const WIDTHS = [1440, 1360, 1280, 1200, 1120, 1024] as const;

/** Every option (--force-new-deployment) or hyphenated word (update-service) in the element's text, with the lines it takes. */
async function hyphenatedLines(el: Locator): Promise<Array<{ word: string; lines: number }>> {
  return el.evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) nodes.push(n as Text);
    const all = nodes.map((n) => n.data).join('');
    const locate = (offset: number): [Text, number] => {
      let left = offset;
      for (const n of nodes) {
        if (left <= n.data.length) return [n, left];
        left -= n.data.length;
      }
      throw new Error('offset past the text');
    };
    const out: Array<{ word: string; lines: number }> = [];
    for (const m of all.matchAll(/(?<![\w-])(?:--?[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+)/g)) {
      const range = document.createRange();
      range.setStart(...locate(m.index));
      range.setEnd(...locate(m.index + m[0].length));
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      out.push({ word: m[0], lines: tops.size });
    }
    return out;
  });
}

test('the fix for a task without execute command keeps its options and command names whole', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  await expand(treeRow(page, 'cluster', 'demo-workers'));
  const task = treeRow(page, 'task', /0e1f0011/);
  await expand(task);
  const container = page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]').first();
  await container.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Diagnose' }).click();
  const diagnosis = page.getByTestId('diagnostics');
  await expect(diagnosis.getByTestId('diagnosis-summary')).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  const fix = diagnosis.locator('[data-check-id="exec-enabled"] .check-next');
  await expect(fix).toContainText('--enable-execute-command');
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 1024 ? 640 : 900 });
    for (const text of await diagnosis.locator('.check-next, .check-cause').all()) {
      const words = await hyphenatedLines(text);
      const broken = words.filter((w) => w.lines !== 1);
      expect(broken, `at ${width} px in "${await text.textContent()}"`).toEqual([]);
    }
    expect((await hyphenatedLines(fix)).map((w) => w.word)).toContain('--enable-execute-command');
    if (width === 1440 || width === 1024) await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-diagnostics-codes-${width}.png`) });
  }
});
