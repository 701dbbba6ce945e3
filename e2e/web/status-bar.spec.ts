// The status bar at 1024×640 and 1440×900 with its longest hint: the hint gives way, the version,
// host and sandbox address are read whole. One page, resized: the bar lays itself out again at
// each size, and a fresh host and page for the second size would prove nothing more.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openDemo, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });

test('at 1024×640 and 1440×900 a long hint gives way; version, host and sandbox address stay whole', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'lost-contact').click();
  for (const size of [{ width: 1024, height: 640 }, { width: 1440, height: 900 }]) {
    await page.setViewportSize(size);
    await expect(page.getByTestId('status-hint')).toHaveText('Not ready for a shell: Enter or double-click runs Diagnose');
    for (const id of ['app-version', 'app-host', 'app-sandbox']) {
      const item = page.getByTestId(id);
      await expect(item).toBeVisible();
      // The text's own laid-out width against the box inside the padding: scrollWidth rounds, and a fraction of a pixel already shows an ellipsis.
      const fits = await item.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const style = getComputedStyle(el);
        return range.getBoundingClientRect().width <= el.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth) + 0.01;
      });
      expect(fits, `${id} is cut at ${size.width}×${size.height}`).toBe(true);
    }
    await expect(page.getByTestId('app-version')).toHaveText(/^Porthole \d+\.\d+\.\d+/);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-status-bar-${size.width}.png`) });
  }
});
