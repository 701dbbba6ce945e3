// The forwards' rates at 1024×640 (the panel is narrow there: they end each row's second line,
// under the actions) and at 1440×900 (columns of their own): a live rate is read whole in both
// directions, any rate fits its box, and so do the column heads.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { startForward } from './forward-ui.js';
import { openDemo, revealWebApp, SHELL_TIMEOUT_MS } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 1024, height: 640 } });
test.describe.configure({ timeout: 120_000 });

/** The widest texts formatRate gives, one per unit and digit count. */
const WIDEST_RATES = ['999 B/s', '999 kB/s', '99.9 kB/s', '9.99 MB/s', '99.9 MB/s', '999 MB/s', '9.99 GB/s'];

test('at 1024×640 and 1440×900 the ↑ and ↓ rates of a busy forward and their heads are whole', async ({ page, webHost, request }) => {
  await openDemo(page, webHost.url);
  const row = await startForward(page, await revealWebApp(page), { remotePort: '8080' });
  await expect(page.getByTestId('forwards')).toHaveAttribute('data-narrow', 'true');
  const port = Number(await row.getAttribute('data-local-port'));
  const rates = row.getByTestId(/^forward-rate(-down)?$/);
  // Keep data flowing until a download rate in kB/s or more shows.
  let busy = true;
  const pump = (async () => {
    while (busy) await request.get(`http://127.0.0.1:${port}/large?bytes=2000000`, { timeout: SHELL_TIMEOUT_MS }).catch(() => undefined);
  })();
  try {
    await expect(rates.nth(1)).toHaveText(/^[\d.]+ (kB|MB)\/s$/, { timeout: 30_000 });
    const cells = await rates.evaluateAll((els) => els.map((el) => ({ text: el.textContent, client: el.clientWidth, scroll: el.scrollWidth })));
    for (const c of cells) expect(c.scroll, `rate cell "${c.text}" is cut`).toBeLessThanOrEqual(c.client);
    // Any rate formatRate can give fits, not just the one this run reached: the widest texts, set
    // in the rate's own font, against the room in its box beside its arrow.
    for (const rate of await rates.all()) {
      const room = await rate.evaluate((el, texts) => {
        const box = el.parentElement;
        const arrow = el.previousElementSibling;
        if (box === null || arrow === null) return { widest: Infinity, inside: 0 };
        const style = getComputedStyle(el);
        const probe = document.createElement('span');
        probe.style.cssText = `position:absolute;visibility:hidden;white-space:nowrap;font:${style.font};font-variant-numeric:${style.fontVariantNumeric}`;
        document.body.append(probe);
        const widest = Math.max(...texts.map((t) => ((probe.textContent = t), probe.getBoundingClientRect().width)));
        probe.remove();
        return { widest, inside: box.clientWidth - arrow.getBoundingClientRect().width - parseFloat(getComputedStyle(box).columnGap) };
      }, WIDEST_RATES);
      expect(room.widest).toBeLessThanOrEqual(room.inside);
    }
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forward-rates-1024.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect(page.getByTestId('forwards')).not.toHaveAttribute('data-narrow', /.*/);
    await expect(rates.nth(1)).toHaveText(/^[\d.]+ (kB|MB)\/s$/, { timeout: 30_000 });
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forward-rates-1440.png') });
  } finally {
    busy = false;
    await pump;
  }
  // Wide, the rates are cells of their own: the widest texts against the room inside the padding.
  const room = await rates.first().evaluate((el, texts) => {
    const style = getComputedStyle(el);
    const probe = document.createElement('span');
    probe.style.cssText = `position:absolute;visibility:hidden;white-space:nowrap;font:${style.font};font-variant-numeric:${style.fontVariantNumeric}`;
    document.body.append(probe);
    const widest = Math.max(...texts.map((t) => ((probe.textContent = t), probe.getBoundingClientRect().width)));
    probe.remove();
    return { widest, inside: el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) };
  }, WIDEST_RATES);
  expect(room.widest).toBeLessThanOrEqual(room.inside);
  const heads = page.locator('.forwards-table thead th.num');
  await expect(heads).toHaveCount(5);
  const headCells = await heads.evaluateAll((els) => els.map((el) => ({ text: el.textContent, client: el.clientWidth, scroll: el.scrollWidth })));
  for (const c of headCells) expect(c.scroll, `head "${c.text}" is cut`).toBeLessThanOrEqual(c.client);
});
